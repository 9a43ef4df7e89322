namespace AirflowAspire.TestSupport;

/// <summary>
/// Runs a real AppHost (the repository's or an example's) as Aspirate does, <c>dotnet exec {assembly}.dll ARGS</c>,
/// with its input closed so a prompt would fail rather than hang. The test project references the AppHosts, so they
/// are built beside it.
/// </summary>
public static class AppHostProcess
{
    public const string DefaultAppHost = "AirflowAspire.AppHost";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string AssemblyPath(string assemblyName = DefaultAppHost) => Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");

    public static Task<ProcessResult> RunAsync(string assemblyName, string workingDirectory, params string[] args) =>
        RunAsync(assemblyName, workingDirectory, Timeout, args);

    /// <param name="timeout">How long it may run, e.g. a deploy that waits for a cluster; killed and reported after.</param>
    public static Task<ProcessResult> RunAsync(string assemblyName, string workingDirectory, TimeSpan timeout, params string[] args) =>
        BoundedProcess.RunAsync("dotnet", ["exec", AssemblyPath(assemblyName), .. args], timeout, workingDirectory: workingDirectory);
}
