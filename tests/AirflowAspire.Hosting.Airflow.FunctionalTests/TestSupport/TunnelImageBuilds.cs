using System.Diagnostics;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>
/// Aspire's orchestrator (DCP) builds its container network tunnel's image with <c>docker build --progress plain</c> from
/// a Dockerfile that needs BuildKit (<c>COPY --chmod</c>), through the <c>docker</c> first on PATH. A docker CLI of version
/// 23 or later without its buildx plugin (as on this kind of machine) has only the legacy builder, which rejects both,
/// and then no container that needs the tunnel can be created. Where that is the case, DCP gets, for the app's
/// lifetime, a <c>docker</c> first on PATH (it inherits the test process's environment) that runs <c>docker build</c> with
/// Debian's docker.io client and the engine's own BuildKit (<c>DOCKER_BUILDKIT=1</c>), and every other command with the
/// usual CLI; PATH is restored on dispose.
/// </summary>
internal sealed class TunnelImageBuilds : IDisposable
{
    private const string DebianClient = "/usr/bin/docker";
    private readonly string? originalPath;
    private readonly TempFolder? folder;

    private TunnelImageBuilds(string? originalPath, TempFolder? folder)
    {
        this.originalPath = originalPath;
        this.folder = folder;
    }

    public static TunnelImageBuilds Enable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var docker = path.Split(Path.PathSeparator).Select(d => Path.Combine(d, "docker")).FirstOrDefault(File.Exists);
        if (OperatingSystem.IsWindows() || docker is null || AcceptsProgress(docker))
        {
            return new TunnelImageBuilds(null, null);
        }

        RequiredTool.SkipOrFailIfMissing(!File.Exists(DebianClient),
            $"The docker CLI has no BuildKit builder (buildx), which Aspire's container network tunnel image needs, and {DebianClient} (Debian's docker.io, which has one) is missing");
        var folder = new TempFolder();
        var wrapper = folder.Write("docker", $"""
            #!/bin/sh
            # docker build through a client with BuildKit; every other command through the usual CLI.
            if [ "$1" = build ]; then
                DOCKER_BUILDKIT=1 exec '{DebianClient}' "$@"
            fi
            exec '{docker}' "$@"

            """);
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment.SetEnvironmentVariable("PATH", $"{folder.Path}{Path.PathSeparator}{path}");
        return new TunnelImageBuilds(path, folder);
    }

    public void Dispose()
    {
        if (folder is not null)
        {
            Environment.SetEnvironmentVariable("PATH", originalPath);
            folder.Dispose();
        }
    }

    private static bool AcceptsProgress(string docker)
    {
        var start = new ProcessStartInfo(docker) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "build", "--progress", "plain", "--help" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{docker} did not start.");
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            return false;
        }

        return process.ExitCode == 0;
    }
}
