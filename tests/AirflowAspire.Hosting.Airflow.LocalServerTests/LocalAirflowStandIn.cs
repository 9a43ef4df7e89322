using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Airflow.LocalServerTests;

/// <summary>
/// A STAND-IN for an Airflow installed in a virtual environment (LocalAirflowStandIn/airflow_standin.py; NOT Airflow):
/// <c>venv/bin/airflow</c> with a shebang naming <c>venv/bin/python3</c> (a link to the machine's python3), and
/// <c>venv/bin/celery</c> beside it. While it exists, PATH starts with its bin folder, then a <c>python</c> that
/// only fails, so a <c>_CMD</c> option that ran "whatever python is on PATH" would show.
/// </summary>
internal sealed class LocalAirflowStandIn : IDisposable
{
    private const string MachinePython = "/usr/bin/python3";

    private readonly string? pathBefore = Environment.GetEnvironmentVariable("PATH");

    public LocalAirflowStandIn(TempFolder folder)
    {
        RequiredTool.SkipOrFailIfMissing(!File.Exists(MachinePython), $"{MachinePython} is not installed");
        Bin = folder.Folder("venv/bin");
        Python = Path.Combine(Bin, "python3");
        folder.Symlink("venv/bin/python3", MachinePython);
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "LocalAirflowStandIn", "airflow_standin.py"));
        // Beside the script, where Python looks first for its imports.
        File.Copy(Path.Combine(AppContext.BaseDirectory, "LocalAirflowStandIn", "airflow_options.py"), Path.Combine(Bin, "airflow_options.py"));
        Executable = MakeExecutable(folder.Write("venv/bin/airflow", $"#!{Python}\n{script}"));
        MakeExecutable(folder.Write("venv/bin/celery", $"#!/bin/sh\nexec \"{Executable}\" celery-cli \"$@\"\n"));
        var wrongPython = MakeExecutable(folder.Write("wrong-python/python", "#!/bin/sh\necho 'not the Airflow interpreter' >&2\nexit 3\n"));
        Environment.SetEnvironmentVariable("PATH", string.Join(Path.PathSeparator, Bin, Path.GetDirectoryName(wrongPython), pathBefore));
    }

    public string Bin { get; }

    public string Executable { get; }

    /// <summary>The interpreter the stand-in's shebang names, as pip writes a venv's console scripts.</summary>
    public string Python { get; }

    /// <summary>Every call the stand-in recorded under <paramref name="airflowHome"/>, in order.</summary>
    public static IReadOnlyList<JsonObject> Calls(string airflowHome)
    {
        var file = Path.Combine(airflowHome, "standin-calls.jsonl");
        return File.Exists(file)
            ? File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList()
            : [];
    }

    public void Dispose() => Environment.SetEnvironmentVariable("PATH", pathBefore);

    private static string MakeExecutable(string path)
    {
#pragma warning disable CA1416 // The local fallback runs on Linux; its tests skip elsewhere (LocalApp.ReachableBy).
        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
#pragma warning restore CA1416
        return path;
    }
}
