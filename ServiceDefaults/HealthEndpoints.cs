using Microsoft.AspNetCore.Http;

namespace AirflowAspire.ServiceDefaults;

/// <summary>The paths <see cref="ServiceDefaultsExtensions.MapDefaultEndpoints"/> serves.</summary>
public static class HealthEndpoints
{
    /// <summary>Readiness: every registered check must pass.</summary>
    public const string Health = "/health";

    /// <summary>Liveness: only the checks tagged <see cref="HealthCheckTags.Live"/>.</summary>
    public const string Alive = "/alive";

    internal static bool IsHealthRequest(PathString path) =>
        path.StartsWithSegments(Health) || path.StartsWithSegments(Alive);
}
