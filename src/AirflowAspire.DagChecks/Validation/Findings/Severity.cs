namespace AirflowAspire.DagChecks.Validation.Findings;

/// <summary>How much a finding matters: errors fail validation, warnings only with --strict, infos never.</summary>
public enum Severity
{
    Error,
    Warning,
    Info,
}
