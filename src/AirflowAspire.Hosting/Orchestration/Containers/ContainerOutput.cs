using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>A container's output, followed into its workload log from the first line until the container ends.</summary>
internal static class ContainerOutput
{
    /// <summary>Standard output and standard error stay apart, as <c>logs</c> keeps them on its own two streams.</summary>
    public static async Task FollowAsync(ContainerCli cli, string containerName, IWorkloadLog log, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await cli.StreamAsync(
                ["logs", "--follow", "--timestamps", containerName],
                (line, isError) =>
                {
                    if (LogTimestamp.Strip(line) is { } text)
                    {
                        log.Write(text, isError);
                    }
                    else
                    {
                        logger.LogDebug("{Cli} logs {Container}: {Line}", cli.Executable, containerName, line);
                    }
                },
                cancellationToken,
                Timeout.InfiniteTimeSpan);
        }
        catch (OperationCanceledException)
        {
            // Disposed while the container still ran.
        }
        catch (ContainerCliException e)
        {
            logger.LogWarning("Could not follow the output of {Container}: {Message}", containerName, e.Message);
        }
    }
}
