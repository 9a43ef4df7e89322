using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AirflowAspire.Hosting.Dashboard.Security;

/// <summary><c>GET /login?t=TOKEN</c>: the URL the terminal prints. The right token sets the session cookie.</summary>
internal static class LoginEndpoint
{
    public const string Path = "/login";
    public const string TokenParameter = "t";

    public static void MapLogin(this IEndpointRouteBuilder endpoints, DashboardAccess access) =>
        endpoints.MapGet(Path, async context =>
        {
            if (!access.RequireToken)
            {
                context.Response.Redirect("/");
                return;
            }

            var tokens = context.Request.Query[TokenParameter];
            if (tokens.Count != 1 || !access.IsLoginToken(tokens[0]))
            {
                await UnauthorizedResponse.WriteAsync(context, UnauthorizedResponse.WrongToken);
                return;
            }

            access.GrantSession(context);
            // Redirecting drops the token from the address bar and the browser history.
            context.Response.Redirect("/");
        });
}
