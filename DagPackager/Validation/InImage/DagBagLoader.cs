using System.Text.Json;
using AirflowAspire.DagPackager.AirflowIgnore;
using AirflowAspire.DagPackager.Tools;

namespace AirflowAspire.DagPackager.Validation.InImage;

/// <summary>Runs load_dagbag.py in the image and reads its result from the marked line of its output.</summary>
public static class DagBagLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <exception cref="ValidationUsageException">The container did not run (no such image, a pull failed...).</exception>
    public static async Task<DagBagResult> LoadAsync(
        ContainerRuntime runtime, string image, string dagFolder, IgnoreSyntax syntax, CancellationToken cancellationToken)
    {
        var output = new List<string>();
        var result = await ProcessRunner.RunAsync(
            runtime.Program,
            InImageCommand.Arguments(image, dagFolder, syntax, EmbeddedScripts.LoadDagBag),
            null,
            output.Add,
            cancellationToken);

        if (Parse(output) is { } loaded)
        {
            return loaded;
        }

        var said = string.Join('\n', output.TakeLast(20).Append(result.StandardError.Trim())).Trim();
        throw new ValidationUsageException(
            $"Loading the DAGs with Airflow in {image} ({runtime.Name}) failed with exit code {result.ExitCode}" +
            (said.Length > 0 ? $":\n{said}" : "."));
    }

    /// <summary>The result on the last marked line of the output, or null when there is none.</summary>
    public static DagBagResult? Parse(IEnumerable<string> outputLines) =>
        outputLines.LastOrDefault(l => l.StartsWith(DagBagResult.Marker, StringComparison.Ordinal)) is { } line
            ? JsonSerializer.Deserialize<DagBagResult>(line[DagBagResult.Marker.Length..], Json)
            : null;
}
