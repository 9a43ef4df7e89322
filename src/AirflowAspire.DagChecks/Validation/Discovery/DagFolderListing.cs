using AirflowAspire.DagChecks.Validation.Findings;

namespace AirflowAspire.DagChecks.Validation.Discovery;

/// <summary>The .py files of a DAG folder that .airflowignore keeps, and what was wrong with the folder.</summary>
public sealed record DagFolderListing(IReadOnlyList<DagFile> Files, IReadOnlyList<Problem> Problems);
