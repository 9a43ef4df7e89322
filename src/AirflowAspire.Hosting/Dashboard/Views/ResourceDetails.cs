using AirflowAspire.Hosting.Orchestration;

namespace AirflowAspire.Hosting.Dashboard.Views;

/// <summary>Everything about one resource, with every secret value left out until revealed one by one.</summary>
internal sealed record ResourceDetails(
    ResourceSummary Summary,
    IReadOnlyList<MaskedVariable> Environment,
    IReadOnlyList<string> Args,
    IReadOnlyList<string> Volumes,
    IReadOnlyList<string> References,
    IReadOnlyList<string> WaitsFor,
    IReadOnlyList<HealthReportSnapshot> HealthReports,
    IReadOnlyList<PhaseSpan> Timeline)
{
    public static ResourceDetails From(ResourceSnapshot snapshot, SecretRedactor redactor) => new(
        ResourceSummary.From(snapshot, redactor),
        snapshot.Environment.Select(MaskedVariable.From).ToList(),
        snapshot.Args.Select(redactor.Redact).ToList(),
        snapshot.Volumes,
        snapshot.References,
        snapshot.WaitsFor,
        snapshot.HealthReports.Select(h => h with { Description = redactor.RedactOrNull(h.Description) }).ToList(),
        snapshot.Timeline);
}

/// <param name="Value">Null for a secret: its value is only sent by the reveal API.</param>
internal sealed record MaskedVariable(string Name, string? Value, bool IsSecret)
{
    public static MaskedVariable From(EnvironmentVariableSnapshot variable) =>
        new(variable.Name, variable.IsSecret ? null : variable.Value, variable.IsSecret);
}

internal sealed record RevealedVariable(string Name, string Value);
