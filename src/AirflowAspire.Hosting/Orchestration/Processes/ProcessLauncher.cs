using System.Diagnostics;
using System.Text;

namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>Starts processes in a session of their own, with their output and input redirected.</summary>
internal static class ProcessLauncher
{
    // In its own session a process gets no SIGINT when the user presses Ctrl-C in the AppHost's terminal:
    // the AppHost stops workloads itself, in order, as it stops containers. setsid execs without forking,
    // so the PID is the server's.
    private const string Setsid = "/usr/bin/setsid";

    public static Process Start(ProcessLaunch launch)
    {
        var detach = File.Exists(Setsid);
        var start = new ProcessStartInfo(detach ? Setsid : launch.Executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = launch.WorkingDirectory,
        };
        if (launch.UserName is { } user)
        {
            start.UserName = user;
        }

        if (detach)
        {
            start.ArgumentList.Add(launch.Executable);
        }

        foreach (var arg in launch.Args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (name, value) in launch.Environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{launch.Executable} did not start.");
        try
        {
            if (launch.StandardInput is { } input)
            {
                process.StandardInput.Write(input);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It exited without reading its input; its exit code tells what went wrong.
        }

        return process;
    }
}
