using System.Diagnostics;
using System.Text;
using AirflowAspire.Hosting.Orchestration.Processes;

namespace AirflowAspire.Bench.Orchestration;

/// <summary>
/// Starts one command of a plan the way the process runtime does, minus its bookkeeping: the given
/// environment only, in the state folder, as the given user, its input written then closed, its output read
/// (a full pipe would stall the server) and dropped, or handed line by line to <c>onLine</c>.
/// </summary>
internal static class DirectLaunch
{
    public static Process Start(
        string executable, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string folder,
        string? userName = null, string? standardInput = null, Action<string>? onLine = null)
    {
        var start = new ProcessStartInfo(executable, args)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = folder,
        };
        if (userName is not null)
        {
            start.UserName = userName;
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        if (onLine is not null)
        {
            process.OutputDataReceived += (_, e) => onLine(e.Data ?? "");
            process.ErrorDataReceived += (_, e) => onLine(e.Data ?? "");
        }

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (standardInput is not null)
            {
                process.StandardInput.Write(standardInput);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It exited without reading its input; its exit code says why.
        }

        return process;
    }

    public static Process Start(
        LocalProcessCommand command, IReadOnlyDictionary<string, string> environment, string folder, string? userName, Action<string>? onLine = null) =>
        Start(command.Executable, command.Args, environment, folder, userName, command.StandardInput, onLine);

    /// <summary>The host environment with the command's variables over it.</summary>
    public static Dictionary<string, string> Environment(IReadOnlyDictionary<string, string> host, params IReadOnlyDictionary<string, string>[] layers)
    {
        var environment = new Dictionary<string, string>(host, StringComparer.Ordinal);
        foreach (var (name, value) in layers.SelectMany(layer => layer))
        {
            environment[name] = value;
        }

        return environment;
    }
}
