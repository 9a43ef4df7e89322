namespace AirflowAspire.Hosting.Publishing;

/// <summary>
/// Aspire 13.6, run without its CLI (<c>dotnet run -- --operation publish</c>), logs a failed pipeline step and stops
/// the host with exit code 0, so a script or CI job would take a failed publish for a success. A step of ours that
/// fails sets the process's exit code to 1 before the failure goes on to Aspire.
/// </summary>
public static class FailingExitCode
{
    public static async Task RunAsync(Func<Task> step)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch
        {
            Environment.ExitCode = 1;
            throw;
        }
    }
}
