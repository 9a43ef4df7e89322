namespace AirflowAspire.TestSupport.Kubernetes;

/// <summary>Bounded waits on a cluster's state.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Asks <paramref name="probe"/> until it returns a value; fails the test with <paramref name="why"/>'s
    /// account of the last state once <paramref name="timeout"/> has passed.
    /// </summary>
    public static async Task<T> UntilAsync<T>(string what, TimeSpan timeout, Func<Task<T?>> probe, Func<Task<string>> why)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{what}: not within {timeout.TotalSeconds:0} s. {await why()}");
            }

            await Task.Delay(Interval);
        }
    }
}
