namespace AirflowAspire.DagChecks.Validation.Findings;

/// <summary>A DAG id and where it is defined; the line is null for DAGs only Airflow itself found (--in-image).</summary>
public sealed record DagDefinition(string DagId, string File, int? Line)
{
    public string Location => Line is { } line ? $"{File}:{line}" : File;
}
