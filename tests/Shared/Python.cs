using System.Diagnostics;

namespace AirflowAspire.TestSupport;

/// <summary>Runs Python scripts with an interpreter that has the given modules.</summary>
public static class Python
{
    private static readonly string[] Candidates = ["python3", "/usr/bin/python3"];

    /// <summary>The first python3 that imports <paramref name="module"/>, or null.</summary>
    public static string? FindWith(string module) =>
        Candidates.FirstOrDefault(python => Run(python, $"import {module}", new Dictionary<string, string>()).ExitCode == 0);

    public static (int ExitCode, string Stdout, string Stderr) Run(string python, string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, string.Empty, $"{python} is not installed");
        }
    }
}
