using System.CommandLine;
using AirflowAspire.DagChecks.Tools;

namespace AirflowAspire.DagPackager.Build;

/// <summary>
/// <c>dag-packager build &lt;project-dir&gt;</c>: writes the build context of a DAG project, tags it
/// <c>repository:hash12</c> by content, and builds it with docker or podman (or, with --context-only,
/// prints the build command). Exit codes: 0 done, 1 the build or push failed, 2 bad usage or input.
/// </summary>
internal static class BuildCommand
{
    public const string RuntimeOption = "--container-runtime";

    public static Command Create()
    {
        var projectDirectory = new Argument<string>("project-dir")
        {
            Description = "The DAG project: a dags/ folder, optional plugins/, requirements.txt and packages.txt",
        };
        var repository = new Option<string>("--repository")
        {
            Description = "The image repository, tagged with the first 12 hex digits of the content hash",
            DefaultValueFactory = _ => RepositoryName.Default,
        };
        var airflowVersion = new Option<string?>("--airflow-version")
        {
            Description = "The Airflow version to build on (default: the model's, read from the Aspire manifest)",
        };
        var manifest = new Option<string?>("--manifest")
        {
            Description = "The Aspire manifest to read the Airflow version from (default: the nearest aspire-manifest.json from project-dir upward)",
        };
        var baseImage = new Option<string?>("--base-image")
        {
            Description = "Build on another image than apache/airflow:<version> (passed as --build-arg AIRFLOW_BASE_IMAGE)",
        };
        var contextOnly = new Option<bool>("--context-only") { Description = "Write the context and print the build command, without building" };
        var output = new Option<string?>("--output")
        {
            Description = "The context folder (default: a temporary folder, removed after the build)",
        };
        var push = new Option<bool>("--push") { Description = "Push the image after building it" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var excludeAirflowIgnored = new Option<bool>("--exclude-airflowignored")
        {
            Description = "Also leave out what .airflowignore files list (by default they go in: DAGs may import them, and Airflow skips them anyway)",
        };
        var runtime = new Option<string?>(RuntimeOption)
        {
            Description = $"docker, podman or none (default: {ContainerRuntimeLocator.SettingVariable}, else the first installed whose engine answers)",
        };

        var command = new Command("build", "Bake a DAG project into an image tagged by its content hash")
        {
            projectDirectory, repository, airflowVersion, manifest, baseImage, contextOnly, output, push, json, excludeAirflowIgnored, runtime,
        };
        command.Action = new PackagerAction("build", "<project-dir> [options]", parseResult => BuildRun.Run(
            new BuildRequest(
                parseResult.GetRequiredValue(projectDirectory),
                parseResult.GetRequiredValue(repository),
                parseResult.GetValue(airflowVersion),
                parseResult.GetValue(manifest),
                parseResult.GetValue(baseImage),
                parseResult.GetValue(contextOnly),
                parseResult.GetValue(output),
                parseResult.GetValue(push),
                parseResult.GetValue(json),
                parseResult.GetValue(excludeAirflowIgnored),
                parseResult.GetValue(runtime)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }
}
