using AirflowAspire.DagChecks.Validation.Findings;
using AirflowAspire.DagChecks.Validation.Python;

namespace AirflowAspire.DagChecks.Validation;

/// <summary>Findings that need more than one file, or a file's outcome as a whole: duplicate ids, files without DAGs.</summary>
public static class CrossFileChecks
{
    /// <summary>Every definition of a DAG id defined more than once, each naming the others.</summary>
    public static IEnumerable<Problem> DuplicateDagIds(IEnumerable<DagDefinition> dags) =>
        from duplicates in dags.Distinct().GroupBy(d => d.DagId, StringComparer.Ordinal)
        where duplicates.Count() > 1
        from dag in duplicates
        let others = string.Join(", ", duplicates.Where(other => other != dag).Select(other => other.Location))
        select Problem.Of(ProblemCodes.DuplicateDagId, dag.File, dag.Line, null,
            $"DAG id '{dag.DagId}' is defined more than once (also at {others}): Airflow loads only one of them " +
            "and reports the other as an import error");

    /// <summary>
    /// A file Airflow parses for DAGs (it mentions "airflow" and "dag", Airflow's safe-mode heuristic) in which no
    /// DAG was found. Files that do not mention both are helper modules and need none.
    /// </summary>
    public static Problem? NoDag(FileCheck check)
    {
        if (!check.MightContainDag || check.Dags.Count > 0)
        {
            return null;
        }

        if (check.Problems.Any(p => ProblemCodes.MeansUnparsable(p.Code) || p.Code == ProblemCodes.DagNotCalled))
        {
            return null;
        }

        return Problem.Of(ProblemCodes.NoDag, check.File, null, null,
            "defines no DAG: Airflow parses it, since it mentions \"airflow\" and \"dag\", but no DAG(...), " +
            "with DAG(...), @dag or @asset is in it; if it is a helper module, list it in .airflowignore");
    }
}
