using System.Diagnostics;

namespace AirflowAspire.Orchestration.Tests.Containers;

/// <summary>The docker CLI as a test uses it to look behind the runtime's back: set-up, inspection, clean-up.</summary>
internal static class DockerCommand
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public bool Succeeded => ExitCode == 0;

        public IReadOnlyList<string> Lines =>
            Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static async Task<Result> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("docker")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`docker {string.Join(' ', arguments)}` took over 2 minutes.");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Runs a command that must succeed, and returns what it printed.</summary>
    public static async Task<Result> MustAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.Succeeded, $"`docker {string.Join(' ', arguments)}` failed: {result.Error}");
        return result;
    }

    public static async Task<IReadOnlyList<string>> ContainersOfAsync(string applicationName) =>
        (await MustAsync("ps", "--all", "--filter", $"label=airflowaspire.app={applicationName}", "--format", "{{.Names}}")).Lines;

    public static async Task<IReadOnlyList<string>> VolumesOfAsync(string applicationName) =>
        (await MustAsync("volume", "ls", "--quiet", "--filter", $"label=airflowaspire.app={applicationName}")).Lines;

    public static async Task<bool> NetworkExistsAsync(string name) => (await RunAsync("network", "inspect", name)).Succeeded;
}
