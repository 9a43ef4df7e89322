using AirflowAspire.Hosting.Dashboard.Views;
using AirflowAspire.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AirflowAspire.Hosting.Dashboard.Api;

/// <summary>A resource's console output: the kept lines as JSON, or the kept lines then every new one as events.</summary>
internal static class LogApi
{
    public static void MapLogApi(this IEndpointRouteBuilder endpoints, ResourceNotificationService resources, ResourceLogService logs)
    {
        endpoints.MapGet(ApiRoutes.Logs, (string name, long? after) =>
        {
            if (resources.Get(name) is null)
            {
                return ApiResults.NoSuchResource(name);
            }

            var buffer = logs.GetBuffer(name);
            var redactor = SecretRedactor.From(resources.GetAll());
            var lines = buffer.Snapshot(after ?? 0).Select(redactor.Redact).ToList();
            var view = new LogView(name, buffer.Capacity, buffer.Written, buffer.Dropped, lines);
            return Results.Json(view, DashboardJson.Options);
        });

        endpoints.MapGet(ApiRoutes.LogStream, async (HttpContext context, string name) =>
        {
            if (resources.Get(name) is null)
            {
                await ApiResults.NoSuchResource(name).ExecuteAsync(context);
                return;
            }

            var buffer = logs.GetBuffer(name);
            var redactor = SecretRedactor.From(resources.GetAll());
            // The browser reconnects with the last id it saw; what it already has is not sent again.
            var seen = long.TryParse(context.Request.Headers["Last-Event-ID"], out var lastId) ? lastId : 0;
            var reportedDropped = -1L;
            await EventStream.RunAsync(
                context,
                logs.WatchAsync(name, context.RequestAborted),
                async (stream, line, ct) =>
                {
                    if (line.Sequence > seen)
                    {
                        await stream.WriteAsync("line", redactor.Redact(line), ct, id: line.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                },
                async (stream, ct) =>
                {
                    // Between bursts: cheap, and a resource registered since the page opened gets its secrets masked too.
                    redactor = SecretRedactor.From(resources.GetAll());
                    var dropped = buffer.Dropped;
                    if (dropped != reportedDropped)
                    {
                        reportedDropped = dropped;
                        await stream.WriteAsync("status", new LogStatus(buffer.Capacity, dropped), ct);
                    }
                });
        });
    }
}
