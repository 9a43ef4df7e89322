using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;

namespace AirflowAspire.ServiceDefaults.Tests;

public class OtlpExportTests
{
    [Fact]
    public async Task Traces_reach_the_collector_named_by_OTEL_EXPORTER_OTLP_ENDPOINT()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        var app = await RunningWebApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });

        await using (app)
        {
            using var response = await app.Client.GetAsync("/some/page");
        }

        // Disposing the app flushes the batch exporter, so the spans have been sent by now.
        Assert.Contains("traces", collector.ReceivedSignals);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(" ", false)]
    [InlineData("http://127.0.0.1:4317", true)]
    public void The_OTLP_exporter_is_added_only_when_an_endpoint_is_set(string? endpoint, bool expected)
    {
        var builder = WebApplication.CreateBuilder();
        // Overrides the variable should the machine running the tests have it set.
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)]);

        builder.AddServiceDefaults();

        // UseOtlpExporter is the only thing that registers options for the OTLP exporter.
        Assert.Equal(expected, builder.Services.Any(d => d.ServiceType == typeof(IOptionsFactory<OtlpExporterOptions>)));
    }
}
