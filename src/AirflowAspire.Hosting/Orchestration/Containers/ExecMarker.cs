namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>
/// Ending the CLI of a timed-out <c>exec</c> leaves its command running inside the container, and a health
/// check that hangs every interval would pile them up. So each exec carries a marker in its environment,
/// and on timeout every process inside that carries it is killed.
/// </summary>
internal static class ExecMarker
{
    public const string Variable = "AIRFLOWASPIRE_EXEC";

    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);

    // The marker travels as an argument of the killing shell, never in its environment, so it spares itself.
    private const string KillMarked =
        "for p in /proc/[0-9]*; do if grep -qs \"" + Variable + "=$1\" \"$p/environ\"; then kill -9 \"${p#/proc/}\" 2>/dev/null; fi; done";

    /// <summary>Best effort: an image without /bin/sh or grep keeps the stray process until it ends.</summary>
    public static async Task KillAsync(ContainerCli cli, string containerName, string marker)
    {
        try
        {
            await cli.RunAsync(["exec", containerName, "/bin/sh", "-c", KillMarked, "sh", marker], CancellationToken.None, KillTimeout);
        }
        catch (Exception e) when (e is TimeoutException or ContainerCliException)
        {
            // The container is stuck or gone; its stop removes what is left.
        }
    }
}
