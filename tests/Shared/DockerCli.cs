namespace AirflowAspire.TestSupport;

/// <summary>The docker CLI, run with a bound on its time: its exit code and what it printed.</summary>
public static class DockerCli
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var result = await BoundedProcess.RunAsync("docker", args, timeout);
        return (result.ExitCode, result.StandardOutput.Trim(), result.StandardError.Trim());
    }
}
