using AirflowAspire.DagChecks.Validation.Findings;

namespace AirflowAspire.Hosting.Airflow.Dags;

/// <summary>One finding of a check: where (file:line:column, relative to the DAG folder), what, and the DAGs of that file.</summary>
internal sealed record DagFinding(string Location, Severity Severity, string Code, string Message, IReadOnlyList<string> DagIds)
{
    public override string ToString()
    {
        var dags = DagIds.Count switch
        {
            0 => "",
            1 => $" (DAG {DagIds[0]})",
            _ => $" (DAGs {string.Join(", ", DagIds)})",
        };
        return $"{Location}: {Severity.ToString().ToLowerInvariant()} {Code}: {Message}{dags}";
    }
}
