namespace AirflowAspire.TestSupport;

/// <summary>Asks again until an attempt says it is done, bounded in time; fails the test with the last answer.</summary>
public static class BoundedWait
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Runs <paramref name="attempt"/> (each bounded to a minute; a refused or timed-out HTTP call counts as not done)
    /// until it is done or <paramref name="timeout"/> has passed.
    /// </summary>
    public static async Task UntilAsync(string what, TimeSpan timeout, Func<Task<(bool Done, string Last)>> attempt)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                (var done, last) = await attempt().WaitAsync(TimeSpan.FromMinutes(1));
                if (done)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException)
            {
                last = e.Message;
            }

            await Task.Delay(Interval);
        }

        Assert.Fail($"Waited {timeout.TotalSeconds:0} s for {what}; the last answer: {last}");
    }
}
