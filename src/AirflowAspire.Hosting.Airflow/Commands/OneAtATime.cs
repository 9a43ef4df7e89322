namespace AirflowAspire.Hosting.Airflow.Commands;

/// <summary>
/// Lets one run of a command go at a time: a second click while one runs is answered at once, and starts nothing
/// (a second <c>airflow db reset</c> must not queue up behind the first).
/// </summary>
internal sealed class OneAtATime
{
    private int running;

    public async Task<ExecuteCommandResult> RunAsync(Func<Task<ExecuteCommandResult>> run, Func<ExecuteCommandResult> alreadyRunning)
    {
        if (Interlocked.Exchange(ref running, 1) == 1)
        {
            return alreadyRunning();
        }

        try
        {
            return await run().ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref running, 0);
        }
    }
}
