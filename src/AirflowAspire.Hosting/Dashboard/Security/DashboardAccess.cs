using Microsoft.AspNetCore.Http;

namespace AirflowAspire.Hosting.Dashboard.Security;

/// <summary>
/// Who may use the dashboard: a browser that opened the login URL gets a session cookie. The cookie holds
/// its own random secret, not the login token, so the token never travels again after login.
/// </summary>
internal sealed class DashboardAccess(bool requireToken, string loginToken)
{
    private readonly string sessionSecret = DashboardToken.Generate();

    public bool RequireToken => requireToken;

    public bool IsLoginToken(string? candidate) => DashboardToken.Matches(candidate, loginToken);

    public bool HasSession(HttpContext context) =>
        !requireToken || DashboardToken.Matches(context.Request.Cookies[CookieName(context)], sessionSecret);

    public void GrantSession(HttpContext context) =>
        context.Response.Cookies.Append(CookieName(context), sessionSecret, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });

    // Browsers share cookies across the ports of one host; the port in the name keeps two dashboards apart.
    private static string CookieName(HttpContext context) => $"airflowaspire-dashboard-{context.Connection.LocalPort}";
}
