using System.ComponentModel;
using System.Diagnostics;

namespace AirflowAspire.DagPackager.Build;

/// <summary>The result of a finished process: its exit code and what it printed.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error);

/// <summary>Runs programs with argument lists (never through a shell).</summary>
internal static class ProcessRunner
{
    /// <summary>Runs a program and collects its output; null when it cannot be started or does not end in time.</summary>
    public static ProcessResult? TryCapture(string program, IReadOnlyList<string> args, TimeSpan timeout)
    {
        using var process = Start(program, args, environment: null);
        if (process is null)
        {
            return null;
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return null;
        }

        return new ProcessResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    /// <summary>Runs a program to its end, passing each line it prints on to <paramref name="log"/>; returns its exit code.</summary>
    public static int Stream(string program, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, TextWriter log)
    {
        using var process = Start(program, args, environment)
            ?? throw new PackagerError($"Could not start {program}.", PackagerError.Failed);
        var gate = new object();
        void Forward(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (gate)
                {
                    log.WriteLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Forward;
        process.ErrorDataReceived += Forward;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? Find(string program)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? [program + ".exe", program] : new[] { program })
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static Process? Start(string program, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        try
        {
            return Process.Start(info);
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
