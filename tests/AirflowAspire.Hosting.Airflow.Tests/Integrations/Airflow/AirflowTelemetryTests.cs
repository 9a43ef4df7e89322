namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>Airflow's OpenTelemetry options: off unless WithOpenTelemetry asks, to the dashboard in a local run or to a named collector.</summary>
public class AirflowTelemetryTests
{
    private static readonly string[] OtelKeys =
    [
        "AIRFLOW__METRICS__OTEL_ON", "AIRFLOW__METRICS__OTEL_HOST", "AIRFLOW__METRICS__OTEL_PORT", "AIRFLOW__METRICS__OTEL_SSL_ACTIVE",
        "AIRFLOW__METRICS__OTEL_SERVICE", "AIRFLOW__TRACES__OTEL_ON", "AIRFLOW__TRACES__OTEL_HOST", "AIRFLOW__TRACES__OTEL_PORT",
        "AIRFLOW__TRACES__OTEL_SSL_ACTIVE", "AIRFLOW__TRACES__OTEL_SERVICE",
    ];

    [Theory]
    [InlineData(null)]
    [InlineData("2.11.0")]
    public async Task With_the_dashboard_chosen_a_local_run_sends_each_components_metrics_and_traces_to_its_otlp_http_endpoint_under_its_own_name(string? version)
    {
        using var test = TestApp.Create();
        test.Builder.Configuration["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = "http://localhost:18890";
        var airflow = test.AddAirflowWithDatabase(version).WithOpenTelemetry().WithRedisCelery().WithTriggerer();
        test.BuildModel();

        foreach (var component in airflow.Resource.Components.Values)
        {
            var env = await RunEnvironmentAsync(test, component);
            foreach (var section in new[] { "METRICS", "TRACES" })
            {
                Assert.Equal("True", env[$"AIRFLOW__{section}__OTEL_ON"]);
                Assert.Equal("localhost", env[$"AIRFLOW__{section}__OTEL_HOST"]);
                Assert.Equal("18890", env[$"AIRFLOW__{section}__OTEL_PORT"]);
                Assert.Equal("False", env[$"AIRFLOW__{section}__OTEL_SSL_ACTIVE"]);
                Assert.Equal(component.Name, env[$"AIRFLOW__{section}__OTEL_SERVICE"]);
            }

            Assert.Equal("1000", env["AIRFLOW__METRICS__OTEL_INTERVAL_MILLISECONDS"]);
            Assert.Equal("http/protobuf", env["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        }
    }

    [Fact]
    public async Task A_local_run_without_a_dashboard_otlp_http_endpoint_exports_nothing()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithOpenTelemetry();
        test.BuildModel();

        var env = await RunEnvironmentAsync(test, airflow.Resource.Components[AirflowRole.Scheduler]);
        Assert.DoesNotContain(env.Keys, k => k.Contains("__OTEL_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_WithOpenTelemetry_a_local_run_exports_nothing_and_needs_no_route_to_the_dashboard()
    {
        using var test = TestApp.Create();
        test.Builder.Configuration["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = "http://localhost:18890";
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery();
        test.BuildModel();

        foreach (var component in airflow.Resource.Components.Values)
        {
            Assert.Empty(await RunEnvironmentAsync(test, component));
            Assert.DoesNotContain(component.Annotations, a => a is OtlpExporterAnnotation);
        }
    }

    [Fact]
    public void Published_output_has_no_telemetry_settings_unless_a_collector_is_named()
    {
        using var test = TestApp.Create("--publisher", "manifest", "--output-path", "unused.json");
        var airflow = test.AddAirflowWithDatabase().WithOpenTelemetry().WithRedisCelery();
        test.BuildModel();

        foreach (var component in airflow.Resource.Components.Values)
        {
            Assert.DoesNotContain(ModelInspection.Environment(component).Keys, k => k.Contains("OTEL", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void WithOpenTelemetry_sends_published_components_to_the_named_collector()
    {
        using var test = TestApp.Create("--publisher", "manifest", "--output-path", "unused.json");
        var airflow = test.AddAirflowWithDatabase().WithOpenTelemetry("https://otel-collector.monitoring:4318");
        test.BuildModel();

        var scheduler = airflow.Resource.Components[AirflowRole.Scheduler];
        var env = ModelInspection.Environment(scheduler);
        Assert.Equal(OtelKeys.Order(), env.Keys.Where(k => k.Contains("__OTEL_", StringComparison.Ordinal)).Order());
        Assert.Equal("otel-collector.monitoring", env["AIRFLOW__TRACES__OTEL_HOST"]);
        Assert.Equal("4318", env["AIRFLOW__METRICS__OTEL_PORT"]);
        Assert.Equal("True", env["AIRFLOW__METRICS__OTEL_SSL_ACTIVE"]);
        Assert.Equal("airflow-scheduler", env["AIRFLOW__METRICS__OTEL_SERVICE"]);
    }

    [Fact]
    public void WithConfig_of_an_otel_option_wins()
    {
        using var test = TestApp.Create("--publisher", "manifest", "--output-path", "unused.json");
        var airflow = test.AddAirflowWithDatabase().WithOpenTelemetry("http://collector:4318").WithConfig("traces", "otel_on", "False");
        test.BuildModel();

        var env = ModelInspection.Environment(airflow.Resource.Components[AirflowRole.Scheduler]);
        Assert.Equal("False", env["AIRFLOW__TRACES__OTEL_ON"]);
        Assert.Equal("True", env["AIRFLOW__METRICS__OTEL_ON"]);
    }

    [Theory]
    [InlineData("otel-collector:4318")]
    [InlineData("grpc://collector:4317")]
    [InlineData("http://collector:4318/v1/traces")]
    public void WithOpenTelemetry_refuses_what_is_not_an_otlp_http_base_url(string endpoint)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithOpenTelemetry(endpoint));
        Assert.Contains("http://otel-collector:4318", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A component's OpenTelemetry variables in a local run: its environment callbacks run as the orchestrator runs
    /// them, and those values resolved for the host. (Resolving the rest would wait for endpoints that are
    /// allocated only when the app starts.)
    /// </summary>
    private static async Task<Dictionary<string, string?>> RunEnvironmentAsync(TestApp test, IResource resource)
    {
        var executionContext = test.Builder.ExecutionContext;
        var variables = new Dictionary<string, object>();
        var context = new EnvironmentCallbackContext(executionContext, resource, variables, CancellationToken.None);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context).WaitAsync(TimeSpan.FromSeconds(30));
        }

        var env = new Dictionary<string, string?>();
        foreach (var (key, value) in variables.Where(e => e.Key.Contains("OTEL", StringComparison.Ordinal)))
        {
            env[key] = value is IValueProvider provider ? await provider.GetValueAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)) : value as string;
        }

        return env;
    }
}
