using Microsoft.AspNetCore.Builder;

namespace AirflowAspire.Hosting.Dashboard.Security;

/// <summary>Headers on every answer: nothing inline runs, nothing is framed, cached or sniffed, no referrer leaves.</summary>
internal static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // Pages and answers show live state and secrets: never keep them in a cache.
            headers.CacheControl = "no-store";
            await next(context);
        });
}
