using Xunit.Sdk;

namespace AirflowAspire.Hosting.Airflow.Tests.Manifest.Conformance;

/// <summary>A manifest broke one or more conformance rules; the message lists each rule, resource and fix.</summary>
public sealed class ManifestConformanceException(IReadOnlyList<ConformanceViolation> violations)
    : XunitException(Describe(violations))
{
    public IReadOnlyList<ConformanceViolation> Violations { get; } = violations;

    private static string Describe(IReadOnlyList<ConformanceViolation> violations) =>
        $"The manifest breaks {violations.Count} conformance rule(s):" + Environment.NewLine +
        string.Join(Environment.NewLine, violations.Select(v => $"  - {v}"));
}
