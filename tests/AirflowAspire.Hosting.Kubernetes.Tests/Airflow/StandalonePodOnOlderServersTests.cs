using AirflowAspire.Hosting.Kubernetes.Tests.Shell;
using k8s.Models;
using static AirflowAspire.Hosting.Kubernetes.Tests.Airflow.AirflowObjects;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>
/// The standalone pod published for a server without native sidecars (<c>--kube-version 1.20</c>, as deploy renders
/// it for such a server): no init container can wait for the pod's own Postgres, so the start order moves into
/// the containers.
/// </summary>
public sealed class StandalonePodOnOlderServersTests
{
    private const string PasswordVariable = "AIRFLOWASPIRE_ADMIN_PASSWORD";

    /// <summary>The admin password in the container's environment: characters a shell or Kubernetes would treat specially.</summary>
    private const string Password = "pa ss'\"$x`y\\z!*;&|<>#~%^=,@$(X)";

    private static async Task<V1PodSpec> PublishStandaloneAsync(TestApp test, string? version = null)
    {
        test.AddAirflowWithDatabase(version, postgresVolume: true).WithLocalExecutor().PublishAsStandalonePod();
        using var cluster = await test.PublishAsync();
        return cluster.Get<V1StatefulSet>("airflow").Spec.Template.Spec;
    }

    [SkippableFact]
    public async Task PostgresRunsBesideTheComponentsTheApiServerMigratesFirstAndTheOthersWaitForIt()
    {
        using var test = TestApp.CreateForPublish("--kube-version=1.20");
        var pod = await PublishStandaloneAsync(test);

        Assert.Null(pod.InitContainers);
        Assert.Equal(new[] { "postgres", "api-server", "scheduler", "dag-processor" }, pod.Containers.Select(c => c.Name));
        var postgres = Container(pod, "postgres");
        Assert.Null(postgres.RestartPolicy);
        Assert.Contains("pg_isready", Command(postgres.StartupProbe), StringComparison.Ordinal);

        var api = Container(pod, "api-server");
        Assert.Null(api.Command);
        Assert.Equal(new[] { "bash", "-c" }, api.Args.Take(2));
        Assert.StartsWith(
            "airflow db migrate && printf '%s\\n%s\\n' \"$" + PasswordVariable + "\" \"$" + PasswordVariable + "\" | airflow users create --username \"$AIRFLOWASPIRE_ADMIN_USERNAME\"",
            api.Args[2], StringComparison.Ordinal);
        Assert.EndsWith(" && exec \"$@\"", api.Args[2], StringComparison.Ordinal);
        Assert.Equal(new[] { "api-server", "/entrypoint", "api-server" }, api.Args.Skip(3));
        Assert.Equal("airflow-admin-password", SecretKey(api, PasswordVariable));
        Assert.NotNull(api.StartupProbe);

        foreach (var name in new[] { "scheduler", "dag-processor" })
        {
            var container = Container(pod, name);
            Assert.Equal(new[] { "bash", "-c", "airflow db check-migrations --migration-wait-timeout=240 && exec \"$@\"", name, "/entrypoint", name }, container.Args);
            Assert.Null(Env(container, PasswordVariable));
        }
    }

    [SkippableFact]
    public async Task Airflow2sWebserverIsTheOneThatMigrates()
    {
        using var test = TestApp.CreateForPublish("--kube-version=v1.28.4");
        var pod = await PublishStandaloneAsync(test, "2.11.0");

        Assert.Equal(new[] { "webserver", "/entrypoint", "webserver" }, Container(pod, "webserver").Args.Skip(3));
        Assert.StartsWith("airflow db migrate && printf ", Container(pod, "webserver").Args[2], StringComparison.Ordinal);
        Assert.Contains("| airflow users create", Container(pod, "webserver").Args[2], StringComparison.Ordinal);
        Assert.Contains("check-migrations", Container(pod, "scheduler").Args[2], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task From129OnPostgresStaysANativeSidecar()
    {
        using var test = TestApp.CreateForPublish("--kube-version=1.29");
        var pod = await PublishStandaloneAsync(test);

        Assert.Equal(new[] { "postgres", "migrate", "create-user" }, pod.InitContainers.Select(c => c.Name));
        Assert.Equal("Always", pod.InitContainers[0].RestartPolicy);
    }

    [SkippableFact]
    public async Task TheApiServersScriptRunsTheMigrationThenCreatesTheUserWithTheSecretAsGivenThenItsOwnCommand()
    {
        var (exitCode, calls) = await RunApiServerAsync(failMigration: false);

        Assert.Equal(0, exitCode);
        Assert.Equal(3, calls.Count);
        Assert.Equal("airflow <db> <migrate>", calls[0]);
        Assert.StartsWith("airflow <users> <create> <--username> <admin> <--firstname> <Airflow>", calls[1], StringComparison.Ordinal);
        Assert.DoesNotContain("--password", calls[1], StringComparison.Ordinal);
        Assert.EndsWith($" stdin <{Password}> <{Password}>", calls[1], StringComparison.Ordinal);
        Assert.Equal("entrypoint <api-server>", calls[2]);
    }

    [SkippableFact]
    public async Task AFailedMigrationStopsTheApiServerBeforeItStarts()
    {
        var (exitCode, calls) = await RunApiServerAsync(failMigration: true);

        Assert.Equal(3, exitCode);
        Assert.Equal(["airflow <db> <migrate>"], calls);
    }

    [SkippableFact]
    public async Task AKubernetesVersionThatIsNoneIsRefusedWithTheFix()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithLocalExecutor().PublishAsStandalonePod();
        using var output = new TempFolder();

        var error = await test.PublishFailureAsync(output.Path, new Dictionary<string, string?> { ["kube-version"] = "latest" });

        Assert.Contains("--kube-version 'latest' is not a Kubernetes version", error, StringComparison.Ordinal);
        Assert.Contains("e.g. --kube-version 1.28", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, IReadOnlyList<string> Calls)> RunApiServerAsync(bool failMigration)
    {
        using var test = TestApp.CreateForPublish("--kube-version=1.20");
        var api = Container(await PublishStandaloneAsync(test), "api-server");
        using var bin = new TempFolder();
        return await RunAsync(api, bin, failMigration);
    }

    /// <summary>
    /// Runs the container's arguments with bash as Kubernetes would (each argument expanded first), with a stand-in
    /// <c>airflow</c> on PATH and a stand-in in place of the image's entrypoint, each recording its arguments (and
    /// <c>users create</c> the two lines of its prompt, as Airflow's getpass reads them without a terminal).
    /// </summary>
    private static async Task<(int ExitCode, IReadOnlyList<string> Calls)> RunAsync(V1Container container, TempFolder bin, bool failMigration)
    {
        var log = Path.Combine(bin.Path, "calls.log");
        var recorder = $$"""
            #!/bin/bash
            { printf '%s' "$(basename "$0")"; for a in "$@"; do printf ' <%s>' "$a"; done
              if [[ "$1 $2" == "users create" ]]; then IFS= read -r p; IFS= read -r c; printf ' stdin <%s> <%s>' "$p" "$c"; fi; echo; } >> '{{log}}'
            [[ "$1 $2" == "db migrate" && -n "$FAIL_MIGRATION" ]] && exit 3
            exit 0
            """;
        foreach (var name in new[] { "airflow", "entrypoint" })
        {
            var path = Path.Combine(bin.Path, name);
            await File.WriteAllTextAsync(path, recorder.Replace("\r\n", "\n", StringComparison.Ordinal));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var environment = new Dictionary<string, string>
        {
            [PasswordVariable] = Password,
            ["AIRFLOWASPIRE_ADMIN_USERNAME"] = Env(container, "AIRFLOWASPIRE_ADMIN_USERNAME")?.Value ?? string.Empty,
            ["PATH"] = $"{bin.Path}:{Environment.GetEnvironmentVariable("PATH")}",
            ["FAIL_MIGRATION"] = failMigration ? "1" : string.Empty,
        };
        var args = container.Args.Skip(1)
            .Select(a => KubeletExpansion.Expand(a, environment))
            .Select(a => a == "/entrypoint" ? Path.Combine(bin.Path, "entrypoint") : a);
        var result = await BoundedProcess.RunAsync("bash", args, TimeSpan.FromSeconds(30), environment);
        return (result.ExitCode, File.Exists(log) ? await File.ReadAllLinesAsync(log) : []);
    }
}
