namespace AirflowAspire.DagChecks.Validation.Python;

/// <summary>
/// A call that must not run when Airflow imports a DAG file. <paramref name="Pattern"/> is an fnmatch pattern over
/// the dotted name the call resolves to through the file's imports (<c>requests.*</c>, <c>airflow.*.Variable.get</c>);
/// <paramref name="Kind"/> names what it reaches ("network", "database").
/// </summary>
public sealed record ImportTimeCallRule(string Pattern, string Kind);
