namespace AirflowAspire.DagChecks.Validation.Python;

/// <summary>What check_dags.py reports for one file (one JSON line).</summary>
public sealed record FileCheck(string File, bool MightContainDag, IReadOnlyList<FoundDag> Dags, IReadOnlyList<FoundProblem> Problems);

/// <summary>A DAG constructor or decorator; <see cref="DagId"/> is null when the id is computed at run time.</summary>
public sealed record FoundDag(string? DagId, int Line, bool Dynamic);

/// <summary>A problem in one file, by code (see <see cref="Findings.ProblemCodes"/>).</summary>
public sealed record FoundProblem(string Code, int? Line, int? Column, string Message);
