using System.Net;
using AirflowAspire.Hosting.Dashboard;

namespace AirflowAspire.Dashboard.Tests.TestSupport;

/// <summary>An HttpClient that opened the login URL, for tests of the server without a browser.</summary>
internal static class LoggedInClient
{
    public static async Task<HttpClient> CreateAsync(DashboardHost host)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var login = await client.GetAsync(host.LoginUrl);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }
}
