using System.Collections.Concurrent;
using System.Threading.Channels;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>
/// The current snapshot of every resource, and a stream of changes. The orchestrator writes; the
/// dashboard and tests read.
/// </summary>
public sealed class ResourceNotificationService
{
    private readonly ConcurrentDictionary<string, ResourceSnapshot> current = new(StringComparer.Ordinal);
    private readonly List<string> order = [];
    private readonly Lock gate = new();
    private readonly List<Channel<ResourceSnapshot>> watchers = [];

    /// <summary>All resources in model order.</summary>
    public IReadOnlyList<ResourceSnapshot> GetAll()
    {
        lock (gate)
        {
            return order.Select(name => current[name]).ToList();
        }
    }

    public ResourceSnapshot? Get(string name) => current.GetValueOrDefault(name);

    /// <summary>Sets the first snapshot of a resource; the order of calls is the order of <see cref="GetAll"/>.</summary>
    public void Register(ResourceSnapshot snapshot)
    {
        lock (gate)
        {
            if (current.TryAdd(snapshot.Name, snapshot))
            {
                order.Add(snapshot.Name);
            }
        }

        Broadcast(snapshot);
    }

    /// <summary>Applies <paramref name="update"/> to the resource's snapshot and tells every watcher.</summary>
    public ResourceSnapshot Update(string name, Func<ResourceSnapshot, ResourceSnapshot> update)
    {
        ResourceSnapshot updated;
        lock (gate)
        {
            updated = update(current[name]);
            current[name] = updated;
        }

        Broadcast(updated);
        return updated;
    }

    /// <summary>Every snapshot as it changes, starting with the current ones, until cancelled.</summary>
    public async IAsyncEnumerable<ResourceSnapshot> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ResourceSnapshot>(new UnboundedChannelOptions { SingleReader = true });
        List<ResourceSnapshot> initial;
        lock (gate)
        {
            watchers.Add(channel);
            initial = order.Select(name => current[name]).ToList();
        }

        try
        {
            foreach (var snapshot in initial)
            {
                yield return snapshot;
            }

            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return snapshot;
            }
        }
        finally
        {
            lock (gate)
            {
                watchers.Remove(channel);
            }
        }
    }

    /// <summary>Completes when <paramref name="predicate"/> holds for the resource, or throws on timeout.</summary>
    public async Task<ResourceSnapshot> WaitForAsync(string name, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken)
    {
        await foreach (var snapshot in WatchAsync(cancellationToken))
        {
            if (snapshot.Name == name && predicate(snapshot))
            {
                return snapshot;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    private void Broadcast(ResourceSnapshot snapshot)
    {
        lock (gate)
        {
            foreach (var watcher in watchers)
            {
                watcher.Writer.TryWrite(snapshot);
            }
        }
    }
}
