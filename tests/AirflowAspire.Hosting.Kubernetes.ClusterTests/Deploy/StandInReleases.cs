namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>
/// The Airflow STAND-IN (tests/images/airflow-standin, not Airflow) as several releases: images derived from it that only
/// set AIRFLOW_VERSION, which gives each its own migration head in the database (standin_alembic_version), the way
/// each Airflow release has one; and releases that never become ready, for a rollback: they migrate (adding a table of
/// their own, <see cref="NeverReadyTable"/>, as a release's migration adds tables), but their API server exits at once.
/// That is this test image's own wrapper around the stand-in's command, not a setting of the stand-in. Removed again on dispose.
/// </summary>
internal sealed class StandInReleases : IAsyncDisposable
{
    public const string Repository = "airflowaspire-test/airflow-standin";

    /// <summary>The table a never-ready release's migration adds.</summary>
    public const string NeverReadyTable = "standin_added_by_never_ready_release";

    // Runs the stand-in's CLI; after a real `db migrate` adds the release's table; an API server exits at once.
    private const string NeverReadyCommand = $$"""
        #!/bin/sh
        if [ "$1" = api-server ]; then
            echo "stand-in test release $AIRFLOW_VERSION: its API server never becomes ready" >&2
            exit 1
        fi
        python3 /opt/standin/standin_cli.py "$@" || exit $?
        if [ "$1 $2" = "db migrate" ] && [ "$3" != "--show-sql-only" ]; then
            python3 -c 'import standin_db; standin_db.execute("CREATE TABLE IF NOT EXISTS {{NeverReadyTable}} (id int)")'
        fi
        """;

    private readonly List<string> built = [];

    public static Task<StandInReleases> BuildAsync(params string[] versions) => BuildAsync(versions, []);

    /// <param name="neverReady">Versions built as releases that migrate but never become ready.</param>
    public static async Task<StandInReleases> BuildAsync(string[] versions, string[] neverReady)
    {
        var releases = new StandInReleases();
        foreach (var (version, ready) in versions.Select(v => (v, true)).Concat(neverReady.Select(v => (v, false))))
        {
            using var folder = new TempFolder();
            var dockerfile = $"FROM {OfficialImageStandIns.AirflowStandIn}\nENV AIRFLOW_VERSION={version}\n";
            if (!ready)
            {
                var command = Path.Combine(folder.Path, "airflow");
                await File.WriteAllTextAsync(command, NeverReadyCommand.ReplaceLineEndings("\n") + "\n");
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(command, (UnixFileMode)0b111_101_101);
                }

                dockerfile += "COPY airflow /usr/local/bin/airflow\n";
            }

            await File.WriteAllTextAsync(Path.Combine(folder.Path, "Dockerfile"), dockerfile);
            var (exitCode, output, error) = await DockerCli.RunAsync(TimeSpan.FromMinutes(2), "build", "-t", $"{Repository}:{version}", folder.Path);
            Assert.True(exitCode == 0, $"docker build of the stand-in release {version} failed: {output}\n{error}");
            releases.built.Add($"{Repository}:{version}");
        }

        return releases;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var image in built)
        {
            await DockerCli.RunAsync(TimeSpan.FromMinutes(1), "rmi", image);
        }
    }
}
