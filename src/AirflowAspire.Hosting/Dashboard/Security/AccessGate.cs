using AirflowAspire.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AirflowAspire.Hosting.Dashboard.Security;

/// <summary>Answers 401 to every request without a session, except the login and the health probes.</summary>
internal static class AccessGate
{
    public static IApplicationBuilder UseAccessGate(this IApplicationBuilder app, DashboardAccess access) =>
        app.Use(async (context, next) =>
        {
            if (IsOpenToEveryone(context.Request.Path) || access.HasSession(context))
            {
                await next(context);
                return;
            }

            await UnauthorizedResponse.WriteAsync(context, UnauthorizedResponse.NotLoggedIn);
        });

    private static bool IsOpenToEveryone(PathString path) =>
        path == LoginEndpoint.Path
        || path.StartsWithSegments(HealthEndpoints.Health)
        || path.StartsWithSegments(HealthEndpoints.Alive);
}
