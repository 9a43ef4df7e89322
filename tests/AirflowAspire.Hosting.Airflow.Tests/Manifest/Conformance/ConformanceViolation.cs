namespace AirflowAspire.Hosting.Airflow.Tests.Manifest.Conformance;

/// <summary>One way a manifest breaks a conformance rule. <paramref name="Resource"/> is null for the manifest as a whole.</summary>
public sealed record ConformanceViolation(string Rule, string? Resource, string Detail)
{
    public override string ToString() =>
        Resource is null ? $"[{Rule}] manifest: {Detail}" : $"[{Rule}] resource '{Resource}': {Detail}";
}
