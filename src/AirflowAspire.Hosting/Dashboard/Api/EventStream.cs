using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AirflowAspire.Hosting.Dashboard.Api;

/// <summary>
/// A Server-Sent Events response. Events are written as they come and flushed only when the source has
/// nothing more ready, so a burst (a backlog of thousands of log lines) goes out in a few writes.
/// </summary>
internal sealed class EventStream
{
    private const int MaxEventsPerFlush = 500;

    private readonly HttpResponse response;

    private EventStream(HttpResponse response) => this.response = response;

    /// <summary>Ends when the browser goes away or the dashboard stops, so shutdown never waits on open pages.</summary>
    public static async Task RunAsync<T>(
        HttpContext context,
        IAsyncEnumerable<T> source,
        Func<EventStream, T, CancellationToken, Task> writeEvent,
        Func<EventStream, CancellationToken, Task>? beforeFlush = null)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = lifetime.Token;

        context.Response.ContentType = "text/event-stream";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var stream = new EventStream(context.Response);

        try
        {
            // A first comment opens the stream at once in the browser, before any event exists.
            await context.Response.WriteAsync(": open\n\n", cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
            await stream.PumpAsync(source, writeEvent, beforeFlush, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page closed or the dashboard is stopping: the normal end of a stream.
        }
    }

    public Task WriteAsync(string eventName, object data, CancellationToken cancellationToken, string? id = null)
    {
        // JSON never contains a raw line break, so each event is one data line.
        var json = JsonSerializer.Serialize(data, DashboardJson.Options);
        var text = id is null ? $"event: {eventName}\ndata: {json}\n\n" : $"id: {id}\nevent: {eventName}\ndata: {json}\n\n";
        return response.WriteAsync(text, cancellationToken);
    }

    private async Task PumpAsync<T>(
        IAsyncEnumerable<T> source,
        Func<EventStream, T, CancellationToken, Task> writeEvent,
        Func<EventStream, CancellationToken, Task>? beforeFlush,
        CancellationToken cancellationToken)
    {
        await using var items = source.GetAsyncEnumerator(cancellationToken);
        var unflushed = 0;
        while (true)
        {
            var next = items.MoveNextAsync();
            if (unflushed > 0 && (!next.IsCompleted || unflushed >= MaxEventsPerFlush))
            {
                if (beforeFlush is not null)
                {
                    await beforeFlush(this, cancellationToken);
                }

                await response.Body.FlushAsync(cancellationToken);
                unflushed = 0;
            }

            if (!await next)
            {
                return;
            }

            await writeEvent(this, items.Current, cancellationToken);
            unflushed++;
        }
    }
}
