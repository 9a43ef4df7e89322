using System.Diagnostics;

namespace AirflowAspire.Bench.DagHash;

/// <summary>The baseline: <c>tar -cf - dags | sha256sum</c> over the same tree, one shell pipeline.</summary>
internal static class TarBaseline
{
    public static (TimeSpan Elapsed, string Hash) Run(string projectDirectory)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = projectDirectory };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("set -o pipefail; tar -cf - dags | sha256sum");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tar | sha256sum failed with exit code {process.ExitCode}");
        }

        return (watch.Elapsed, output.Split(' ')[0]);
    }
}
