namespace AirflowAspire.Hosting;

/// <summary>
/// A mistake in the model is the user's to fix, not a crash: print its message without a stack trace
/// and exit with code 1.
/// </summary>
internal static class UserErrorReporting
{
    private static int installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is DistributedApplicationException error)
            {
                Console.Error.WriteLine($"error: {error.Message}");
                Console.Error.Flush();
                Environment.Exit(1);
            }
        };
    }
}
