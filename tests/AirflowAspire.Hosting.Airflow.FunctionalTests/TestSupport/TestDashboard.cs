using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>
/// Aspire's real dashboard in a test app (the testing builder turns it off by default), asked for on free loopback
/// ports, with the keys the AppHost generates (OTLP senders must pass the header Aspire gives them). Reads the
/// dashboard's telemetry HTTP API (<c>/api/telemetry</c>), as <c>aspire otel</c> does.
/// </summary>
internal sealed class TestDashboard : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public TestDashboard()
    {
        Url = new Uri($"http://127.0.0.1:{FreePort()}");
        OtlpHttpUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        OtlpGrpcUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        ResourceServiceUrl = new Uri($"http://127.0.0.1:{FreePort()}");
    }

    /// <summary>The address asked for the dashboard; Aspire may serve it elsewhere (see <see cref="UseAddressOf"/>).</summary>
    public Uri Url { get; private set; }

    public Uri OtlpHttpUrl { get; }

    public Uri OtlpGrpcUrl { get; }

    public Uri ResourceServiceUrl { get; }

    /// <summary>The login URL with its browser token, from the dashboard resource.</summary>
    public Uri? LoginUrl { get; private set; }

    /// <summary>The launch-profile settings an AppHost takes, as command-line configuration.</summary>
    public string[] Arguments =>
    [
        $"--ASPNETCORE_URLS={Url}",
        $"--ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL={OtlpHttpUrl}",
        $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL={OtlpGrpcUrl}",
        $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL={ResourceServiceUrl}",
        "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
    ];

    /// <summary>
    /// Takes the dashboard's address and login URL from its resource (the testing builder may give it other ports than
    /// asked), and the telemetry API's key from the environment the AppHost gave it (none when the API is unsecured).
    /// </summary>
    public void UseAddressOf(CustomResourceSnapshot dashboard)
    {
        var url = dashboard.Urls.FirstOrDefault(u => u.Name == "http")
            ?? throw new InvalidOperationException($"The dashboard resource shows no 'http' URL, only: {string.Join(", ", dashboard.Urls.Select(u => u.Name))}");
        LoginUrl = new Uri(url.Url);
        Url = new Uri(LoginUrl.GetLeftPart(UriPartial.Authority));
        http.BaseAddress = Url;
        if (dashboard.EnvironmentVariables.FirstOrDefault(v => v.Name == "DASHBOARD__API__PRIMARYAPIKEY")?.Value is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Add("x-api-key", key);
        }
    }

    /// <summary>The resources the dashboard has telemetry for (<c>GET /api/telemetry/resources</c>); null until it answers.</summary>
    public async Task<JsonElement?> ResourcesAsync()
    {
        try
        {
            using var response = await http.GetAsync("/api/telemetry/resources");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The spans of one resource in OTLP JSON (<c>GET /api/telemetry/spans?resource=</c>); null when it has none yet.</summary>
    public async Task<string?> SpansAsync(string resource)
    {
        using var response = await http.GetAsync($"/api/telemetry/spans?resource={Uri.EscapeDataString(resource)}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await Ensure(response).Content.ReadAsStringAsync();
    }

    public void Dispose() => http.Dispose();

    private static HttpResponseMessage Ensure(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        return response;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
