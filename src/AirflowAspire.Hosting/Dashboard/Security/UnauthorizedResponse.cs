using System.Text.Encodings.Web;
using AirflowAspire.Hosting.Dashboard.Api;
using AirflowAspire.Hosting.Dashboard.Pages;
using Microsoft.AspNetCore.Http;

namespace AirflowAspire.Hosting.Dashboard.Security;

/// <summary>The 401 answer: JSON for the API, and for pages a short page that says how to get in.</summary>
internal static class UnauthorizedResponse
{
    public const string NotLoggedIn =
        "This dashboard needs a login: open the login URL the AppHost printed in its terminal.";

    public const string WrongToken =
        "That login token is not this run's: open the login URL the AppHost printed in its terminal when it started this time.";

    public static async Task WriteAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (context.Request.Path.StartsWithSegments(ApiRoutes.Prefix))
        {
            await context.Response.WriteAsJsonAsync(new ApiError(message), DashboardJson.Options);
            return;
        }

        // This page stands alone (the stylesheet is behind the login too), so it carries its own styles.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        context.Response.ContentType = "text/html; charset=utf-8";
        var page = EmbeddedAssets.ReadText("unauthorized.html").Replace("{{message}}", HtmlEncoder.Default.Encode(message));
        await context.Response.WriteAsync(page);
    }
}
