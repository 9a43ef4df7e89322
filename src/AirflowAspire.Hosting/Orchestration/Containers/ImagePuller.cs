using System.Collections.Concurrent;

namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>Makes sure an image is present, pulling it with its progress written to the workload's log.</summary>
internal sealed class ImagePuller(ContainerCli cli)
{
    // Replicas of one resource start together; one pull per image is enough.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    public async Task EnsureAsync(string resourceName, string image, IWorkloadLog log, CancellationToken cancellationToken)
    {
        var gate = gates.GetOrAdd(image, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await IsPresentAsync(image, cancellationToken))
            {
                return;
            }

            await PullAsync(resourceName, image, log, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<bool> IsPresentAsync(string image, CancellationToken cancellationToken) =>
        (await cli.RunAsync(["image", "inspect", "--format", "{{.Id}}", image], cancellationToken)).Succeeded;

    private async Task PullAsync(string resourceName, string image, IWorkloadLog log, CancellationToken cancellationToken)
    {
        log.Write($"Pulling image {image} …", isError: false);
        var errors = new List<string>();
        var exitCode = await cli.StreamAsync(
            ["pull", image],
            (line, isError) =>
            {
                if (isError)
                {
                    lock (errors)
                    {
                        errors.Add(line);
                    }
                }

                log.Write(line, isError);
            },
            cancellationToken,
            Timeout.InfiniteTimeSpan);

        if (exitCode != 0)
        {
            var message = string.Join(" ", errors.Select(e => e.Trim()).Where(e => e.Length > 0));
            throw new WorkloadStartException(
                $"Resource '{resourceName}': could not pull the image '{image}': " +
                $"{(message.Length > 0 ? message : $"{cli.Executable} pull exited with code {exitCode}")}. " +
                "Check the image name and tag, and that the registry can be reached (or build or load the image locally).");
        }
    }
}
