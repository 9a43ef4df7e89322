namespace AirflowAspire.Hosting.Kubernetes.Tests.Shell;

/// <summary>Runs <c>bash</c> with given arguments and environment, as a container's command would.</summary>
internal static class Bash
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var result = await BoundedProcess.RunAsync("bash", args, Timeout, environment);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }
}
