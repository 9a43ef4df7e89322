using System.CommandLine;
using AirflowAspire.DagChecks;
using AirflowAspire.DagPackager.Build;

namespace AirflowAspire.DagPackager.Release;

/// <summary>
/// <c>dag-packager release &lt;repository:hash12&gt;</c>: points the model at a built image (the AppHost's
/// <c>dags.lock.json</c>) and each given kustomize tree's <c>images:</c> at it. Exit codes: 0 done, 2 bad usage.
/// </summary>
internal static class ReleaseCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("tag") { Description = "The image build made, as repository:hash12" };
        var lockFile = new Option<string?>("--lock")
        {
            Description = $"The lock file to write (default: {DagImageLock.FileName} in the AppHost project's folder)",
        };
        var kustomize = new Option<string[]>("--kustomize")
        {
            Description = "A published kustomize tree (or its kustomization.yaml) whose images: to update; repeatable",
            DefaultValueFactory = _ => [],
        };
        var dagHash = new Option<string?>("--dag-hash") { Description = "The full content hash (default: the image's io.airflowaspire.dag-hash label)" };
        var airflowVersion = new Option<string?>("--airflow-version")
        {
            Description = "The Airflow version it was built on (default: the image's io.airflowaspire.airflow-version label)",
        };
        var runtime = new Option<string?>(BuildCommand.RuntimeOption) { Description = "docker, podman or none, to read the image's labels" };

        var command = new Command("release", "Point the AppHost (dags.lock.json) and published kustomize trees at a built DAG image")
        {
            image, lockFile, kustomize, dagHash, airflowVersion, runtime,
        };
        command.Action = new PackagerAction("release", "<repository:hash12> [options]", parseResult => ReleaseRun.Run(
            new ReleaseRequest(
                parseResult.GetRequiredValue(image),
                parseResult.GetValue(lockFile),
                parseResult.GetValue(kustomize),
                parseResult.GetValue(dagHash),
                parseResult.GetValue(airflowVersion),
                parseResult.GetValue(runtime)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }
}
