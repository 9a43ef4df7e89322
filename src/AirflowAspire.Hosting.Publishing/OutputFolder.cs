using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;

namespace AirflowAspire.Hosting.Publishing;

// The output folder service (ASPIREPIPELINES004) is experimental in Aspire 13.6, and the only way to learn --output-path.
#pragma warning disable ASPIREPIPELINES001, ASPIREPIPELINES004

/// <summary>Where a publisher writes: Aspire's folder for the environment resource, <c>{output path}/{name}</c>.</summary>
internal static class OutputFolder
{
    /// <summary>
    /// The environment's folder, as a full path; it and the output path may exist, but not as files.
    /// </summary>
    /// <param name="writes">What the environment writes into the folder, for the message when a file is in the way.</param>
    public static string Of(PipelineStepContext context, IResource environment, string writes)
    {
        var output = context.Services.GetRequiredService<IPipelineOutputService>();
        var root = Path.GetFullPath(output.GetOutputDirectory());
        var directory = Path.GetFullPath(output.GetOutputDirectory(environment));
        foreach (var path in new[] { root, directory }.Where(File.Exists))
        {
            throw new DistributedApplicationException(
                $"The output path '{path}' is a file, but '{environment.Name}' writes {writes} into a folder; " +
                "pass a folder with --output-path, e.g. --output-path ./out.");
        }

        return directory;
    }
}
