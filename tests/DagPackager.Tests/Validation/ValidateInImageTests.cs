using System.Diagnostics;
using AirflowAspire.DagChecks.AirflowIgnore;
using AirflowAspire.DagChecks.Tools;
using AirflowAspire.DagChecks.Validation;
using AirflowAspire.DagChecks.Validation.InImage;
using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Validation;

/// <summary>
/// validate --in-image: the container run it builds, the script it runs there (against a stand-in for Airflow's
/// DagBag, since Airflow cannot be installed here), and a clear exit 2 when no container runtime is present.
/// </summary>
public sealed class ValidateInImageTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Without_a_container_runtime_the_command_exits_2_and_says_what_to_install()
    {
        var dags = _temp.Folder("dags");
        _temp.Write("dags/dag.py", DagSources.WithDag("x"));
        var emptyPath = _temp.Folder("empty-bin");

        var result = await RunDagPackagerProcessAsync(emptyPath, "validate", dags, "--in-image", "apache/airflow:3.2.2");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--in-image needs a container runtime", result.Error);
        Assert.Contains("docker is not installed", result.Error);
        Assert.Contains("podman is not installed", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task The_runtime_setting_none_is_reported_too()
    {
        var dags = _temp.Folder("dags");

        var run = await CommandRun.InvokeValidateAsync(
            new ValidationEnvironment(Environment.GetEnvironmentVariable("PATH"), "none", false),
            "validate", dags, "--in-image", "apache/airflow:3.2.2");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("AIRFLOWASPIRE_CONTAINER_RUNTIME", run.Error);
    }

    [Fact]
    public void The_container_mounts_the_folder_read_only_and_runs_the_dagbag_script()
    {
        var dags = _temp.Folder("my dags");

        var arguments = InImageCommand.Arguments("apache/airflow:3.2.2", dags, IgnoreSyntax.Regexp, EmbeddedScripts.LoadDagBag, "dag-packager-validate-test");

        Assert.Equal(["run", "--rm", "--network", "none", "--name", "dag-packager-validate-test"], arguments.Take(6));
        Assert.Equal($"{dags}:/opt/airflow/dags:ro", After(arguments, "--volume"));
        var environment = arguments.Select((a, i) => (a, i)).Where(x => x.i > 0 && arguments[x.i - 1] == "--env").Select(x => x.a).ToList();
        Assert.Contains("AIRFLOW__CORE__DAGS_FOLDER=/opt/airflow/dags", environment);
        Assert.Contains("AIRFLOW__CORE__LOAD_EXAMPLES=False", environment);
        Assert.Contains("AIRFLOW__CORE__DAG_IGNORE_FILE_SYNTAX=regexp", environment);
        Assert.Equal(["apache/airflow:3.2.2", "python", "-c", EmbeddedScripts.LoadDagBag, "/opt/airflow/dags"], arguments.TakeLast(5));
        Assert.Contains("DagBag", EmbeddedScripts.LoadDagBag);
        Assert.Contains("include_examples=False", EmbeddedScripts.LoadDagBag);
        Assert.Contains("import_errors", EmbeddedScripts.LoadDagBag);
    }

    [SkippableFact]
    public async Task The_dagbag_script_reports_import_errors_and_dags_relative_to_the_folder()
    {
        Python3.Require();
        var dags = _temp.Folder("dags");
        var fakeAirflow = FakeAirflow(dags);

        var start = new ProcessStartInfo(Python3.Find()!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", EmbeddedScripts.LoadDagBag, dags })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONPATH"] = fakeAirflow;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, error);
        var result = DagBagLoader.Parse(output.Split('\n'));
        Assert.NotNull(result);
        var importError = Assert.Single(result.ImportErrors);
        Assert.Equal(("broken.py", 7, "ModuleNotFoundError: No module named 'missing_dependency'"),
            (importError.File, importError.Line, importError.Message));
        Assert.Equal([("loaded", "sub/loaded.py")], result.Dags.Select(d => (d.DagId, d.File)));
    }

    [SkippableFact]
    public async Task Airflows_import_errors_and_dags_are_merged_into_the_findings()
    {
        Python3.Require();
        Skip.If(OperatingSystem.IsWindows(), "The stand-in container runtime is a shell script.");
        var dags = _temp.Folder("dags");
        _temp.Write("dags/good.py", "from airflow.sdk import DAG\n\nwith DAG(dag_id=\"good\", schedule=None):\n    pass\n");
        _temp.Write("dags/needs_a_package.py", "from airflow.sdk import DAG\n\nimport missing_dependency\n\nDAG(dag_id=\"never_loaded\")\n");
        _temp.Write("dags/generated.py", "from airflow.sdk import DAG\n\nfor team in [\"a\"]:\n    DAG(dag_id=f\"team_{team}\")\n");
        _temp.Write("dags/broken.py", DagSources.SyntaxError);
        var bin = FakeDocker(FakeAirflowThatImports());

        var run = await CommandRun.InvokeValidateAsync(
            new ValidationEnvironment(bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"), null, false),
            "validate", dags, "--in-image", "apache/airflow:3.2.2", "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        var report = JsonReport.Parse(run.Output);
        var importError = Assert.Single(report.WithCode("import-error"));
        Assert.Equal(("needs_a_package.py", 3, "error"), (importError.File, importError.Line, importError.Severity));
        Assert.Contains("No module named 'missing_dependency'", importError.Message);
        // broken.py is reported once, as the syntax error found statically, not again as Airflow's import error.
        Assert.Equal("broken.py", Assert.Single(report.WithCode("syntax-error")).File);
        // A DAG only Airflow can name (its id is computed) joins the list, without a line.
        Assert.Contains(report.Dags, d => d is { DagId: "team_a", File: "generated.py", Line: null });
        Assert.Contains(report.Dags, d => d is { DagId: "good", File: "good.py", Line: 3 });
    }

    [Fact]
    public void Only_the_marked_line_of_the_container_output_is_read()
    {
        var result = DagBagLoader.Parse([
            "[2026-01-01T00:00:00] {dagbag.py:588} INFO - Filling up the DagBag from /opt/airflow/dags",
            """DAGPACKAGER-DAGBAG {"importErrors": [], "dags": [{"dagId": "a", "file": "a.py"}]}""",
        ]);

        Assert.NotNull(result);
        Assert.Equal("a", Assert.Single(result.Dags).DagId);
        Assert.Null(DagBagLoader.Parse(["no marker here"]));
    }

    /// <summary>A stand-in airflow package whose DagBag answers as Airflow's would for the given folder.</summary>
    private string FakeAirflow(string dags)
    {
        var site = _temp.Folder("fake-site");
        _temp.Write("fake-site/airflow/__init__.py", "");
        _temp.Write("fake-site/airflow/models/__init__.py", "");
        var broken = Path.Combine(dags, "broken.py");
        var loaded = Path.Combine(dags, "sub", "loaded.py");
        _temp.Write("fake-site/airflow/models/dagbag.py", $$"""
            class _Dag:
                def __init__(self, fileloc):
                    self.fileloc = fileloc


            class DagBag:
                def __init__(self, dag_folder=None, include_examples=True):
                    assert include_examples is False, "examples must be off"
                    print("INFO - Filling up the DagBag from %s" % dag_folder)
                    self.import_errors = {
                        {{Quote(broken)}}: 'Traceback (most recent call last):\n  File "<frozen importlib._bootstrap>", line 241, in _call_with_frames_removed\n  File {{Quote(broken)}}, line 7, in <module>\n    import missing_dependency\nModuleNotFoundError: No module named \'missing_dependency\'\n',
                    }
                    self.dags = {"loaded": _Dag({{Quote(loaded)}})}
            """);
        return site;
    }

    /// <summary>
    /// A stand-in airflow package whose DagBag imports every .py file of the folder, as Airflow's does, recording
    /// the traceback of each that fails and the DAG objects each creates.
    /// </summary>
    private string FakeAirflowThatImports()
    {
        var site = _temp.Folder("importing-site");
        _temp.Write("importing-site/airflow/__init__.py", "");
        _temp.Write("importing-site/airflow/sdk/__init__.py", """
            CREATED = []


            class DAG:
                def __init__(self, dag_id, **kwargs):
                    self.dag_id = dag_id
                    CREATED.append(self)

                def __enter__(self):
                    return self

                def __exit__(self, *exc):
                    return False
            """);
        _temp.Write("importing-site/airflow/models/__init__.py", "");
        _temp.Write("importing-site/airflow/models/dagbag.py", """
            import os
            import traceback

            from airflow import sdk


            class DagBag:
                def __init__(self, dag_folder=None, include_examples=True):
                    self.import_errors = {}
                    self.dags = {}
                    for root, _, files in os.walk(dag_folder):
                        for name in sorted(files):
                            if not name.endswith(".py"):
                                continue
                            path = os.path.join(root, name)
                            del sdk.CREATED[:]
                            try:
                                with open(path) as handle:
                                    exec(compile(handle.read(), path, "exec"), {"__name__": "unusual_prefix_" + name[:-3]})
                            except BaseException:
                                self.import_errors[path] = traceback.format_exc()
                                continue
                            for dag in sdk.CREATED:
                                dag.fileloc = path
                                self.dags[dag.dag_id] = dag
            """);
        return site;
    }

    /// <summary>A "docker" that answers the engine check and runs `run ... python -c` with the local python3.</summary>
    private string FakeDocker(string pythonPath)
    {
        var bin = _temp.Folder("fake-bin");
        var docker = _temp.Write("fake-bin/docker", $$"""
            #!/bin/sh
            if [ "$1" = info ]; then echo 28.2.2-fake; exit 0; fi
            while [ $# -gt 0 ]; do
              case "$1" in
                --volume) folder="${2%:/opt/airflow/dags:ro}"; shift 2 ;;
                python) shift; break ;;
                *) shift ;;
              esac
            done
            PYTHONPATH='{{pythonPath}}' exec python3 "$1" "$2" "$folder"

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(docker, File.GetUnixFileMode(docker) | UnixFileMode.UserExecute);
        }
        return bin;
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string After(IReadOnlyList<string> arguments, string flag) => arguments[arguments.ToList().IndexOf(flag) + 1];

    /// <summary>Runs the real dag-packager program with a PATH of the test's choosing.</summary>
    private static async Task<CommandRun> RunDagPackagerProcessAsync(string path, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "dag-packager.dll") }.Concat(args))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = path;
        start.Environment.Remove(ContainerRuntimeLocator.SettingVariable);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CommandRun(process.ExitCode, await output, await error);
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return "dotnet";
    }
}
