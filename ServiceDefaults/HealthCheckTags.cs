namespace AirflowAspire.ServiceDefaults;

/// <summary>Tags that decide which health checks each endpoint runs.</summary>
public static class HealthCheckTags
{
    /// <summary>
    /// Checks that say the process itself still works. Only these run on <c>/alive</c>, so a liveness
    /// probe does not restart a service whose database is merely down.
    /// </summary>
    public const string Live = "live";
}
