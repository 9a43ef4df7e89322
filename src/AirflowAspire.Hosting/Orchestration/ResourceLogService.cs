using System.Collections.Concurrent;
using System.Threading.Channels;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>Console output of every resource: written by the runtimes, read live by the dashboard.</summary>
public sealed class ResourceLogService(int linesPerResource = ResourceLogService.DefaultLinesPerResource)
{
    public const int DefaultLinesPerResource = 10_000;

    private readonly ConcurrentDictionary<string, ResourceLogBuffer> buffers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<Channel<LogLine>>> watchers = new(StringComparer.Ordinal);

    public ResourceLogBuffer GetBuffer(string resourceName) =>
        buffers.GetOrAdd(resourceName, _ => new ResourceLogBuffer(linesPerResource));

    public void Write(string resourceName, string text, bool isError, DateTimeOffset? timestamp = null)
    {
        var line = GetBuffer(resourceName).Add(timestamp ?? DateTimeOffset.UtcNow, text, isError);
        if (watchers.TryGetValue(resourceName, out var channels))
        {
            lock (channels)
            {
                foreach (var channel in channels)
                {
                    channel.Writer.TryWrite(line);
                }
            }
        }
    }

    /// <summary>The kept lines, then every new line as it is written, until cancelled.</summary>
    public async IAsyncEnumerable<LogLine> WatchAsync(string resourceName, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(GetBuffer(resourceName).Capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var channels = watchers.GetOrAdd(resourceName, _ => []);
        IReadOnlyList<LogLine> backlog;
        lock (channels)
        {
            channels.Add(channel);
            backlog = GetBuffer(resourceName).Snapshot();
        }

        try
        {
            var last = 0L;
            foreach (var line in backlog)
            {
                last = line.Sequence;
                yield return line;
            }

            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken))
            {
                if (line.Sequence > last)
                {
                    yield return line;
                }
            }
        }
        finally
        {
            lock (channels)
            {
                channels.Remove(channel);
            }
        }
    }
}
