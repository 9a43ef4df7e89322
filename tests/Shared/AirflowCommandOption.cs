using System.Text.Json;

namespace AirflowAspire.TestSupport;

/// <summary>
/// Runs an option's <c>_CMD</c> command the way Airflow does and gives back the value Airflow would use, byte for
/// byte. The Python below follows <c>run_command</c> in Airflow's
/// <c>shared/configuration/src/airflow_shared/configuration/parser.py</c> (3.2; <c>airflow/configuration.py</c> in
/// 2.11): <c>shlex.split</c>, no shell, stdout decoded and returned as it is (never stripped), a non-zero exit an
/// error. A trailing newline therefore reaches Airflow's value, as it does in Airflow.
/// </summary>
public static class AirflowCommandOption
{
    private const string RunCommand = """
        import json, os, shlex, subprocess, sys
        command = os.environ["AIRFLOWASPIRE_TEST_OPTION_CMD"]
        process = subprocess.Popen(shlex.split(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE, close_fds=True)
        output, stderr = (stream.decode(sys.getdefaultencoding(), "ignore") for stream in process.communicate())
        if process.returncode != 0:
            sys.exit(f"Cannot execute {command}. Error code is: {process.returncode}. Output: {output}, Stderr: {stderr}")
        print(json.dumps(output))
        """;

    /// <summary>
    /// The value Airflow reads from <paramref name="command"/>, run with <paramref name="environment"/> added to this
    /// process's and <paramref name="python"/> on PATH as <c>python</c>, as in the official image (Debian has only
    /// python3); fails the test when the command fails.
    /// </summary>
    public static string Evaluate(string python, string command, IReadOnlyDictionary<string, string> environment)
    {
        using var bin = new TempFolder();
        bin.Symlink("python", python.Contains('/') ? python : ExecutableOnPath(python));
        var variables = new Dictionary<string, string>(environment)
        {
            ["AIRFLOWASPIRE_TEST_OPTION_CMD"] = command,
            ["PATH"] = $"{bin.Path}:{Environment.GetEnvironmentVariable("PATH")}",
        };
        var (exitCode, stdout, stderr) = Python.Run(python, RunCommand, variables);
        Xunit.Assert.True(exitCode == 0, $"Airflow would refuse the command: {stderr}");
        return JsonSerializer.Deserialize<string>(stdout)!;
    }

    private static string ExecutableOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(folder => System.IO.Path.Combine(folder, name))
            .First(File.Exists);
}
