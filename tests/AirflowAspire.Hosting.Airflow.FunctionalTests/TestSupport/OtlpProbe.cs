namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>
/// Sends one OTLP/HTTP metric and one span (JSON encoding) from inside a running container, using only the
/// settings that container was given: Airflow's <c>[metrics]</c> and <c>[traces]</c> <c>otel_*</c> options for
/// where to send and under which service name, and <c>OTEL_EXPORTER_OTLP_HEADERS</c> for the collector's headers
/// (the dashboard's API key), as Airflow's OpenTelemetry exporters would. Prints one line per request.
/// </summary>
internal static class OtlpProbe
{
    public const string MetricName = "airflowaspire.otlp_probe";
    public const string SpanName = "airflowaspire-otlp-probe";

    private const string Script = """
        import json, os, secrets, time, urllib.parse, urllib.request

        def setting(section, option):
            return os.environ[f"AIRFLOW__{section}__OTEL_{option}"]

        def headers():
            found = {"Content-Type": "application/json"}
            for pair in os.environ.get("OTEL_EXPORTER_OTLP_HEADERS", "").split(","):
                if "=" in pair:
                    name, value = pair.split("=", 1)
                    found[name.strip()] = urllib.parse.unquote(value.strip())
            return found

        def post(section, path, make_body):
            scheme = "https" if setting(section, "SSL_ACTIVE") == "True" else "http"
            url = f"{scheme}://{setting(section, 'HOST')}:{setting(section, 'PORT')}{path}"
            resource = {"attributes": [{"key": "service.name", "value": {"stringValue": setting(section, "SERVICE")}}]}
            body = json.dumps(make_body(resource)).encode()
            request = urllib.request.Request(url, data=body, headers=headers(), method="POST")
            with urllib.request.urlopen(request, timeout=30) as response:
                print(f"{path} {response.status} via {url}")

        now = time.time_ns()
        scope = {"name": "airflowaspire.functional-tests"}
        post("METRICS", "/v1/metrics", lambda resource: {"resourceMetrics": [{"resource": resource, "scopeMetrics": [{
            "scope": scope, "metrics": [{"name": "__METRIC__", "unit": "1", "sum": {
                "aggregationTemporality": 2, "isMonotonic": True,
                "dataPoints": [{"asInt": "1", "startTimeUnixNano": str(now - 1_000_000_000), "timeUnixNano": str(now)}]}}]}]}]})
        post("TRACES", "/v1/traces", lambda resource: {"resourceSpans": [{"resource": resource, "scopeSpans": [{
            "scope": scope, "spans": [{"traceId": secrets.token_hex(16), "spanId": secrets.token_hex(8), "name": "__SPAN__",
                "kind": 1, "startTimeUnixNano": str(now - 5_000_000), "endTimeUnixNano": str(now)}]}]}]})
        """;

    /// <summary>Runs the probe in the container with <c>docker exec</c>; fails with its output when a request fails.</summary>
    public static async Task<string> SendFromAsync(string containerId)
    {
        var script = Script.Replace("__METRIC__", MetricName, StringComparison.Ordinal).Replace("__SPAN__", SpanName, StringComparison.Ordinal);
        var (exitCode, output, error) = await DockerEngine.RunAsync(TimeSpan.FromMinutes(2), "exec", containerId, "python3", "-c", script);
        Assert.True(exitCode == 0, $"The OTLP probe in container {containerId[..12]} exited with {exitCode}: {output}{error}");
        return output;
    }
}
