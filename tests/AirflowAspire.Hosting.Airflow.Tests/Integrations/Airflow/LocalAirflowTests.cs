using AirflowAspire.Hosting.Airflow.LocalFallback;

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>
/// The model side of running the Airflow components from a local <c>airflow</c> when no container runtime answers:
/// which interpreter runs the <c>_CMD</c> options, the ports and folders each component gets, the init's steps,
/// and what the components say when no <c>airflow</c> is installed. (LocalServerTests runs them.)
/// </summary>
public class LocalAirflowTests
{
    private static readonly LocalAirflowInstallation Installation = new("/opt/my venv/bin/airflow", "/opt/my venv/bin/python3");

    /// <summary>How the init's shell starts: in a session of its own where setsid is there (getpass would ask a terminal).</summary>
    private static readonly string[] InitShell = LocalProcesses.FindOnPath("setsid") is { } setsid ? [setsid, "-w", "/bin/sh"] : ["/bin/sh"];

    [Fact]
    public void Without_airflow_on_path_the_components_say_how_to_install_the_models_version()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase("2.11.0");

        var message = NoContainerRuntimeFallback.AirflowMessage(airflow.Resource);

        Assert.Contains("no 'airflow' is on PATH: install Docker or Podman, or Airflow 2.11.0 locally", message, StringComparison.Ordinal);
        Assert.Contains("pip install \"apache-airflow[celery,postgres,redis,fab]==2.11.0\" --constraint", message, StringComparison.Ordinal);
        Assert.Contains("put ~/airflow-venv/bin on PATH", message, StringComparison.Ordinal);
    }

    // pip writes the interpreter into the shebang, or (for a path a shebang cannot hold, e.g. one with a space) into
    // a /bin/sh line; a hand-written script may ask env for python3, then the venv's own python3 beside it wins.
    [Theory]
    [InlineData("venv", "#!{venv}/bin/python3.12\n# -*- coding: utf-8 -*-\n", "{venv}/bin/python3.12")]
    [InlineData("my venv", "#!/bin/sh\n'''exec' \"{venv}/bin/python3\" \"$0\" \"$@\"\n' '''\n", "{venv}/bin/python3")]
    [InlineData("venv", "#!/usr/bin/env python3\n", "{venv}/bin/python3")]
    public void The_interpreter_is_the_one_pip_wrote_into_the_airflow_script(string venvName, string head, string expected)
    {
        using var folder = new TempFolder();
        var venv = folder.Combine(venvName);
        folder.Write($"{venvName}/bin/python3", "");
        var airflow = folder.Write($"{venvName}/bin/airflow", head.Replace("{venv}", venv, StringComparison.Ordinal));

        Assert.Equal(expected.Replace("{venv}", venv, StringComparison.Ordinal), LocalAirflowInstallation.InterpreterOf(airflow));
    }

    [Fact]
    public void Each_local_component_gets_ports_of_its_own_the_shared_home_and_the_installations_python()
    {
        using var test = TestApp.Create();
        var dags = test.CreateFolder("dags");
        var airflow = test.AddAirflowWithDatabase("2.11.0").WithRedisCelery().WithFlower().WithTriggerer().WithStandaloneDagProcessor().WithDags("dags");
        var home = Path.Combine(test.Directory, "home");

        var local = airflow.Resource.Components.Values.ToDictionary(c => c.Role, c => Assert.IsType<LocalAirflowComponentResource>(LocalAirflow.Create(c, Installation, home).Resource));
        var env = local.ToDictionary(l => l.Key, l => ModelInspection.Environment(l.Value));
        string Port(AirflowRole role) => $"{local[role].Annotations.OfType<EndpointAnnotation>().Single().Port}";

        Assert.Equal(Port(AirflowRole.Webserver), env[AirflowRole.Webserver]["AIRFLOW__WEBSERVER__WEB_SERVER_PORT"]);
        Assert.Equal(Port(AirflowRole.Scheduler), env[AirflowRole.Scheduler]["AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_PORT"]);
        Assert.Equal(Port(AirflowRole.Worker), env[AirflowRole.Worker]["AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT"]);
        Assert.Equal(Port(AirflowRole.Flower), env[AirflowRole.Flower]["AIRFLOW__CELERY__FLOWER_PORT"]);
        Assert.NotEqual("8794", env[AirflowRole.Triggerer]["AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT"]);
        var logPorts = env.Values.Select(e => e["AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT"]).ToList();
        Assert.Equal(logPorts.Count, logPorts.Distinct().Count());
        Assert.DoesNotContain("8793", logPorts);

        foreach (var (role, variables) in env)
        {
            Assert.Equal(home, variables["AIRFLOW_HOME"]);
            Assert.Equal(dags, variables["AIRFLOW__CORE__DAGS_FOLDER"]);
            Assert.StartsWith("/opt/my venv/bin:", variables["PATH"], StringComparison.Ordinal);
            Assert.All(variables.Where(v => v.Key.EndsWith("_CMD", StringComparison.Ordinal)), v =>
                Assert.StartsWith("'/opt/my venv/bin/python3' -c \"import ", v.Value, StringComparison.Ordinal));
            Assert.Equal(role == AirflowRole.Init ? InitShell[0] : Installation.Executable, local[role].Command);
        }

        // The init does what the image's entrypoint does for it (the migration, `bash` for a bash command), then its
        // own command: the admin user's script.
        var init = ModelInspection.Arguments(local[AirflowRole.Init]);
        Assert.Equal([.. InitShell[1..], "-c"], init[..InitShell.Length]);
        var script = init[InitShell.Length];
        Assert.Contains("\"$0\" db migrate", script, StringComparison.Ordinal);
        Assert.Contains("exec bash \"$@\"", script, StringComparison.Ordinal);
        Assert.Equal([Installation.Executable, "bash", "-c"], init[(InitShell.Length + 1)..^1]);
        Assert.Contains("| airflow users create", init[^1], StringComparison.Ordinal);
        Assert.Equal("true", env[AirflowRole.Init]["_AIRFLOW_DB_MIGRATE"]);

        Assert.Equal(["celery", "worker", "--celery-hostname", "celery@airflow-worker"], ModelInspection.Arguments(local[AirflowRole.Worker]));
    }

    // Each command reads its host option as its --host/--hostname default (airflow-core/src/airflow/cli/cli_config.py,
    // 2.11's airflow/cli/cli_config.py, the Celery provider's cli/definition.py), so the options alone bind them.
    [Theory]
    [InlineData("2.11.0", AirflowRole.Webserver, "AIRFLOW__WEBSERVER__WEB_SERVER_HOST")]
    [InlineData(AirflowContainerImageTags.Tag, AirflowRole.ApiServer, "AIRFLOW__API__HOST")]
    public void The_ui_flower_and_the_schedulers_health_server_listen_on_loopback_only(string version, AirflowRole ui, string uiHost)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase(version).WithRedisCelery().WithFlower();
        var home = Path.Combine(test.Directory, "home");

        var env = airflow.Resource.Components.Values.ToDictionary(c => c.Role, c => ModelInspection.Environment(LocalAirflow.Create(c, Installation, home).Resource));

        Assert.Equal("127.0.0.1", env[ui][uiHost]);
        Assert.Equal("127.0.0.1", env[AirflowRole.Flower]["AIRFLOW__CELERY__FLOWER_HOST"]);
        Assert.Equal("127.0.0.1", env[AirflowRole.Scheduler]["AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_HOST"]);
        Assert.DoesNotContain(env[AirflowRole.Worker].Keys, k => k.EndsWith("_HOST", StringComparison.Ordinal));
    }
}
