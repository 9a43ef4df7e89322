using AirflowAspire.Hosting.Compose.Airflow;

namespace AirflowAspire.Hosting.Compose;

/// <summary>The templates that know a kind of container better than the generic compose code, asked in this order.</summary>
internal static class ComposeTemplates
{
    public static IReadOnlyList<IComposeTemplate> All { get; } =
    [
        new AirflowComposeTemplate(),
    ];
}
