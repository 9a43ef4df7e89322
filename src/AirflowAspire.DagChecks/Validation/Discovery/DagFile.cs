namespace AirflowAspire.DagChecks.Validation.Discovery;

/// <summary>A Python file Airflow would consider: its path on disk and its path relative to the DAG folder.</summary>
public sealed record DagFile(string FullPath, string RelativePath);
