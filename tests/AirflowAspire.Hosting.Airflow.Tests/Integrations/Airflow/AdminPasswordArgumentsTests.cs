using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Airflow.LocalFallback;

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>
/// The admin password never reaches a process's arguments, where <c>ps</c> shows it to every user of the machine:
/// the official image's entrypoint would create the user with <c>airflow users create --password "$value"</c>
/// (<c>_AIRFLOW_WWW_USER_CREATE</c>, apache/airflow scripts/docker/entrypoint_prod.sh), so the init creates it
/// itself, piping the password from its variable into the command's prompt (printf is a shell builtin).
/// </summary>
public class AdminPasswordArgumentsTests
{
    private const string Pipe =
        "printf '%s\\n%s\\n' \"$AIRFLOWASPIRE_ADMIN_PASSWORD\" \"$AIRFLOWASPIRE_ADMIN_PASSWORD\" | airflow users create --username \"$AIRFLOWASPIRE_ADMIN_USERNAME\"";

    [Theory]
    [InlineData("3.2.2")]
    [InlineData("2.11.0")]
    public void The_init_container_pipes_the_password_into_users_create_and_not_through_the_entrypoint(string version)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase(version).WithAdminUser("ops");

        var init = airflow.Resource.Components[AirflowRole.Init];
        var env = ModelInspection.Environment(init);
        var args = ModelInspection.Arguments(init);

        Assert.DoesNotContain("_AIRFLOW_WWW_USER_CREATE", env.Keys);
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("_AIRFLOW_WWW_USER", StringComparison.Ordinal));
        Assert.Equal("{airflow-admin-password.value}", env["AIRFLOWASPIRE_ADMIN_PASSWORD"]);
        Assert.Equal("ops", env["AIRFLOWASPIRE_ADMIN_USERNAME"]);
        Assert.Equal("true", env["_AIRFLOW_DB_MIGRATE"]);
        Assert.Equal(["bash", "-c"], args.Take(2));
        Assert.StartsWith(Pipe, args[2], StringComparison.Ordinal);
        Assert.All(args, a => Assert.DoesNotContain("--password", a, StringComparison.Ordinal));
        Assert.All(args, a => Assert.DoesNotContain("airflow-admin-password", a, StringComparison.Ordinal));
    }

    [Fact]
    public void The_local_init_process_has_no_password_in_its_arguments_and_no_terminal_for_the_prompt()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();
        var installation = new LocalAirflowInstallation("/opt/venv/bin/airflow", "/opt/venv/bin/python3");

        var init = LocalAirflow.Create(airflow.Resource.Components[AirflowRole.Init], installation, Path.Combine(test.Directory, "home")).Resource;
        var args = ModelInspection.Arguments(init);

        Assert.All(args, a => Assert.DoesNotContain("--password", a, StringComparison.Ordinal));
        Assert.All(args, a => Assert.DoesNotContain("airflow-admin-password", a, StringComparison.Ordinal));
        Assert.All(args, a => Assert.DoesNotContain("_AIRFLOW_WWW_USER_PASSWORD", a, StringComparison.Ordinal));
        Assert.Contains(args, a => a.StartsWith(Pipe, StringComparison.Ordinal));

        // getpass reads the controlling terminal before standard input: the init runs in a session without one.
        if (LocalProcesses.FindOnPath("setsid") is { } setsid)
        {
            Assert.Equal(setsid, ((ExecutableResource)init).Command);
            Assert.Equal("-w", args[0]);
        }
    }

    [Fact]
    public void The_committed_manifest_gives_no_process_the_admin_password_as_an_argument()
    {
        var resources = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Manifest))!["resources"]!.AsObject();

        foreach (var (name, resource) in resources)
        {
            var args = resource!["args"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() ?? [];
            Assert.All(args, a => Assert.DoesNotContain("--password", a, StringComparison.Ordinal));
            Assert.All(args, a => Assert.DoesNotContain("{airflow-admin-password", a, StringComparison.Ordinal));
            Assert.True(resource["env"]?["_AIRFLOW_WWW_USER_CREATE"] is null, $"{name} has the image's entrypoint create the user with the password as an argument");
        }
    }
}
