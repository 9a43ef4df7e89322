using AirflowAspire.Hosting.Dashboard.Api;
using Microsoft.AspNetCore.Http;

namespace AirflowAspire.Hosting.Dashboard.Security;

/// <summary>
/// Anti-forgery for requests that change or reveal something. The dashboard's own scripts send a custom
/// header; another site cannot, because a cross-origin request with a custom header needs a CORS
/// preflight this server never grants. A present Origin header must also be this server's own.
/// </summary>
internal sealed class SameOriginCommandFilter : IEndpointFilter
{
    public const string HeaderName = "X-AirflowAspire-Dashboard";
    public const string HeaderValue = "1";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var request = invocation.HttpContext.Request;
        if (request.Headers[HeaderName] != HeaderValue || !IsSameOriginOrUnstated(request))
        {
            return Results.Json(
                new ApiError($"This request must come from the dashboard's own page (the {HeaderName} header and a same-origin Origin)."),
                DashboardJson.Options,
                statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(invocation);
    }

    private static bool IsSameOriginOrUnstated(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
