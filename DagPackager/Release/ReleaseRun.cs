using AirflowAspire.DagChecks;
using AirflowAspire.DagChecks.Tools;
using AirflowAspire.DagPackager.Build;

namespace AirflowAspire.DagPackager.Release;

/// <summary>One <c>release</c>: every input is checked and every file prepared before any is written.</summary>
internal static class ReleaseRun
{
    /// <summary>The <c>images:</c> names that stand for the official image in published trees.</summary>
    public static readonly string[] OfficialImageNames = ["docker.io/apache/airflow", "apache/airflow", "index.docker.io/apache/airflow"];

    public static int Run(ReleaseRequest request, TextWriter output, TextWriter error)
    {
        try
        {
            Execute(request, output);
            return 0;
        }
        catch (PackagerError e)
        {
            error.WriteLine($"dag-packager release: {e.Message}");
            return e.ExitCode;
        }
    }

    private static void Execute(ReleaseRequest request, TextWriter output)
    {
        var image = ReleasedImage.Parse(request.Image);
        var (dagHash, airflowVersion) = Provenance(request, image);
        var lockPath = LockPath(request);
        var released = new DagImageLock(image.Repository, image.Tag, dagHash, airflowVersion);

        // Entries already pointed at an earlier release (by the lock's image, or this repository) move too.
        var names = new List<string>(OfficialImageNames) { image.Repository };
        if (File.Exists(lockPath) && DagImageLock.ImageOf(lockPath) is { } previous && !names.Contains(previous))
        {
            names.Add(previous);
        }

        var kustomizations = (request.Kustomizations ?? [])
            .Select(KustomizationImages.Locate)
            .Distinct()
            .Select(file => (File: file, Text: KustomizationImages.Update(File.ReadAllText(file), file, names, image.Repository, image.Tag)))
            .ToList();

        WriteLock(released, lockPath);
        output.WriteLine($"{lockPath}: {released.Reference} (Airflow {airflowVersion})");
        foreach (var (file, text) in kustomizations)
        {
            File.WriteAllText(file, text);
            output.WriteLine($"{file}: images: -> {released.Reference}");
        }
    }

    private static void WriteLock(DagImageLock released, string lockPath)
    {
        if (!Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(lockPath))))
        {
            throw new PackagerError($"The folder of the lock file {lockPath} does not exist.");
        }

        released.Write(lockPath);
    }

    private static (string DagHash, string AirflowVersion) Provenance(ReleaseRequest request, ReleasedImage image)
    {
        var dagHash = request.DagHash;
        var airflowVersion = request.AirflowVersion;
        if (dagHash is null || airflowVersion is null)
        {
            var runtime = ContainerRuntimeLocator.Find(request.ContainerRuntime, BuildCommand.RuntimeOption).Runtime;
            dagHash ??= runtime?.ImageLabel(image.Reference, ImageLabels.DagHash);
            airflowVersion ??= runtime?.ImageLabel(image.Reference, ImageLabels.AirflowVersion);
            if (dagHash is null || airflowVersion is null)
            {
                throw new PackagerError(
                    $"Cannot read the labels {ImageLabels.DagHash} and {ImageLabels.AirflowVersion} of {image.Reference} " +
                    $"({(runtime is null ? "no container runtime" : $"no such local image with them in {runtime.Name}")}); " +
                    "give --dag-hash and --airflow-version (build --json prints both).");
            }
        }

        return (image.CheckDagHash(dagHash, request.DagHash is null ? "from the image label" : "--dag-hash"),
            AirflowVersionSource.Parse(airflowVersion, "the Airflow version").Version);
    }

    private static string LockPath(ReleaseRequest request)
    {
        if (request.Lock is { } explicitPath)
        {
            return Path.GetFullPath(explicitPath);
        }

        var start = request.WorkingDirectory ?? Environment.CurrentDirectory;
        var appHost = AppHostFolder.Find(start)
            ?? throw new PackagerError(
                $"No AppHost project (a .csproj with <IsAirflowAspireAppHost>true) in or above {start}; give --lock <apphost-dir>/{DagImageLock.FileName}.");
        return Path.Combine(appHost, DagImageLock.FileName);
    }
}
