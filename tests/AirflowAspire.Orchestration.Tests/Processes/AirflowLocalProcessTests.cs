using System.Runtime.Versioning;
using AirflowAspire.Hosting;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Orchestration.Tests.TestSupport;

namespace AirflowAspire.Orchestration.Tests.Processes;

[SupportedOSPlatform("linux")]
public sealed class AirflowLocalProcessTests
{
    private static readonly string[] Components =
        ["airflow-init", "airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer", "airflow-worker", "airflow-flower"];

    [Fact]
    public async Task Without_airflow_on_PATH_every_component_fails_saying_what_to_install()
    {
        var emptyPath = Directory.CreateTempSubdirectory("airflowaspire-no-airflow-");
        try
        {
            await using var app = LocalProcessTestApp.Create(DeclareAirflow, new Dictionary<string, string> { ["PATH"] = emptyPath.FullName });

            foreach (var component in Components)
            {
                var error = await Assert.ThrowsAsync<WorkloadStartException>(() => app.StartAsync(component, new CollectingWorkloadLog()));

                Assert.Equal(
                    $"No container runtime: install docker or podman. '{component}' can run from a local Airflow instead, but there is " +
                    "no 'airflow' executable on PATH. Install Apache Airflow 3.2.2 so that 'airflow' is on PATH (pip install " +
                    "\"apache-airflow[celery,postgres]==3.2.2\", in a virtual environment whose bin folder is on PATH), or install docker or podman.",
                    error.Message);
                Assert.False(Directory.Exists(Path.Combine(app.StateDirectory, component)));
            }
        }
        finally
        {
            emptyPath.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_init_component_migrates_and_creates_the_admin_without_the_password_in_any_command_line()
    {
        var bin = Directory.CreateTempSubdirectory("airflowaspire-fake-airflow-");
        try
        {
            // A stand-in for airflow that writes down how it was called.
            var calls = Path.Combine(bin.FullName, "calls.txt");
            var fake = Path.Combine(bin.FullName, "airflow");
            await File.WriteAllTextAsync(fake, """
                #!/bin/sh
                printf 'airflow %s | home=%s | dags=%s\n' "$*" "$AIRFLOW_HOME" "$AIRFLOW__CORE__DAGS_FOLDER" >> "$FAKE_AIRFLOW_CALLS"
                if [ "$1 $2" = "users create" ]; then
                    read -r first; read -r second
                    [ "$first" = "$second" ] && printf 'password on stdin, twice: %s\n' "$first" >> "$FAKE_AIRFLOW_CALLS"
                fi
                """.ReplaceLineEndings("\n"));
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var environment = new Dictionary<string, string> { ["PATH"] = $"{bin.FullName}:/usr/bin:/bin", ["FAKE_AIRFLOW_CALLS"] = calls };
            await using var app = LocalProcessTestApp.Create(DeclareAirflow, environment);

            var init = await app.StartAsync("airflow-init", new CollectingWorkloadLog());

            Assert.Equal(0, await init.Exited.WaitAsync(TimeSpan.FromSeconds(30)));
            var home = Path.Combine(app.StateDirectory, "airflow-init");
            var dags = Path.Combine(Path.GetDirectoryName(app.StateDirectory)!, "apphost", "dags");
            var password = LocalProcessTestApp.ParameterValuePrefix + "airflow-admin-password";
            Assert.Equal(
                [
                    $"airflow db migrate | home={home} | dags={dags}",
                    $"airflow users create --username admin --firstname Airflow --lastname Admin --email admin@example.com --role Admin | home={home} | dags={dags}",
                    $"password on stdin, twice: {password}",
                    $"airflow version | home={home} | dags={dags}",
                ],
                await File.ReadAllLinesAsync(calls));
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    private static void DeclareAirflow(IDistributedApplicationBuilder builder)
    {
        Directory.CreateDirectory(Path.Combine(builder.AppHostDirectory, "dags"));
        var database = builder.AddPostgres("postgres").AddDatabase("airflow-db", databaseName: "airflow");
        builder.AddAirflow("airflow")
            .WithDatabase(database)
            .WithCeleryExecutor(builder.AddRedis("redis"))
            .WithFlower()
            .WithTriggerer()
            .WithDags("dags");
    }
}
