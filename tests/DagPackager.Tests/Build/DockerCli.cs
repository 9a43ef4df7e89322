using System.ComponentModel;
using System.Diagnostics;

namespace AirflowAspire.DagPackager.Tests.Build;

/// <summary>The docker CLI, for tests that look at the images build makes; and the check that an engine and the test base image are there.</summary>
internal static class DockerCli
{
    /// <summary>The Debian image tests/images/build.sh makes (./test.sh runs it): no registry is needed.</summary>
    public const string BaseImage = "airflowaspire-test/debian:bookworm";

    private static readonly Lazy<string?> Problem = new(FindProblem);

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit code {ExitCode}\n{Output}\n{Error}";
    }

    /// <summary>Skips the test (fails it in CI) when docker, its engine or the base image is missing.</summary>
    public static void Require()
    {
        var problem = Problem.Value;
        RequiredTool.SkipOrFailIfMissing(problem is not null, problem ?? string.Empty);
    }

    public static Result Run(params string[] arguments)
    {
        var info = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"docker {string.Join(' ', arguments)} took over 3 minutes");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }

    private static string? FindProblem()
    {
        Result version;
        try
        {
            version = Run("version", "--format", "{{.Server.Version}}");
        }
        catch (Win32Exception)
        {
            return "docker is not installed";
        }

        if (version.ExitCode != 0)
        {
            return $"the Docker engine does not answer ({version.Error.Trim()})";
        }

        return Run("image", "inspect", BaseImage).ExitCode == 0
            ? null
            : $"the test image {BaseImage} is missing (tests/images/build.sh builds it)";
    }
}
