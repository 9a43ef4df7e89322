namespace AirflowAspire.Bench.AspireStartup;

/// <summary>Aspire's orchestrator removes its containers some seconds after the AppHost exits: wait for that (bounded), and remove what a killed run left.</summary>
internal static class Cleanup
{
    /// <summary>The named volumes that exist now, so a run can remove only the ones it made (the AppHost's Postgres data volume).</summary>
    public static async Task<HashSet<string>> VolumesAsync()
    {
        var start = new System.Diagnostics.ProcessStartInfo("docker") { RedirectStandardOutput = true, ArgumentList = { "volume", "ls", "-q" } };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    public static async Task RemoveVolumesMadeSinceAsync(HashSet<string> before)
    {
        foreach (var volume in (await VolumesAsync()).Except(before))
        {
            await ProcessRuns.RunAsync("docker", "volume", "rm", "-f", volume);
        }
    }

    public static async Task WaitForAspireContainersToGoAsync()
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(60); waited += TimeSpan.FromSeconds(1))
        {
            if (await ProcessRuns.RunAsync("sh", "-c", "docker ps -aq --filter label=com.microsoft.developer.usvc-dev.creatorProcessId | grep -q .") != 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        await ProcessRuns.RunAsync("sh", "-c", "docker ps -aq --filter label=com.microsoft.developer.usvc-dev.creatorProcessId | xargs -r docker rm -f");
    }
}
