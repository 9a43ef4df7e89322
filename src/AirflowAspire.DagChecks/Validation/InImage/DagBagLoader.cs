using System.Text.Json;
using AirflowAspire.DagChecks.AirflowIgnore;
using AirflowAspire.DagChecks.Tools;

namespace AirflowAspire.DagChecks.Validation.InImage;

/// <summary>
/// Runs load_dagbag.py in the image and reads its result from the marked line of its output. The run is bounded
/// (<see cref="Timeout"/>); on cancel or timeout the client is killed and the container removed.
/// </summary>
public static class DagBagLoader
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan RemoveTimeout = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <exception cref="ValidationUsageException">The container did not run (no such image, a pull failed...).</exception>
    public static async Task<DagBagResult> LoadAsync(
        ContainerRuntime runtime, string image, string dagFolder, IgnoreSyntax syntax, CancellationToken cancellationToken)
    {
        var output = new List<string>();
        var container = InImageCommand.NewContainerName();
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(
                runtime.Program,
                InImageCommand.Arguments(image, dagFolder, syntax, EmbeddedScripts.LoadDagBag, container),
                null,
                output.Add,
                cancellationToken,
                Timeout);
        }
        catch (OperationCanceledException)
        {
            await RemoveAsync(runtime, container);
            throw;
        }
        catch (TimeoutException)
        {
            await RemoveAsync(runtime, container);
            throw new ValidationUsageException(
                $"Loading the DAGs with Airflow in {image} ({runtime.Name}) did not finish within {Timeout.TotalMinutes:0} minutes; " +
                $"the container {container} was removed. A DAG file may block Airflow's DAG processor: validate without --in-image lists such files.");
        }

        if (Parse(output) is { } loaded)
        {
            return loaded;
        }

        var said = string.Join('\n', output.TakeLast(20).Append(result.StandardError.Trim())).Trim();
        throw new ValidationUsageException(
            $"Loading the DAGs with Airflow in {image} ({runtime.Name}) failed with exit code {result.ExitCode}" +
            (said.Length > 0 ? $":\n{said}" : "."));
    }

    /// <summary>Removes the container, whatever state it is in; one never created is no error.</summary>
    private static async Task RemoveAsync(ContainerRuntime runtime, string container)
    {
        try
        {
            await ProcessRunner.RunAsync(runtime.Program, ["rm", "--force", container], null, _ => { }, CancellationToken.None, RemoveTimeout);
        }
        catch (Exception e) when (e is TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Nothing more to do here: the container, if any, is left to its --rm.
        }
    }

    /// <summary>The result on the last marked line of the output, or null when there is none.</summary>
    public static DagBagResult? Parse(IEnumerable<string> outputLines) =>
        outputLines.LastOrDefault(l => l.StartsWith(DagBagResult.Marker, StringComparison.Ordinal)) is { } line
            ? JsonSerializer.Deserialize<DagBagResult>(line[DagBagResult.Marker.Length..], Json)
            : null;
}
