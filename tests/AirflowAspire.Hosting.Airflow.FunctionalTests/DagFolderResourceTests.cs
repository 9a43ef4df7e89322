using System.Diagnostics;
using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// WithDags's folder as the <c>airflow-dags</c> resource of a running app: its health follows DagPackager's checks
/// of the folder as files are broken, fixed, saved in bursts and the folder taken away and given back.
/// </summary>
[Collection(ContainerTests.Name)]
public sealed class DagFolderResourceTests(ITestOutputHelper output)
{
    private const string Dags = "airflow-dags";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private const string GoodDag = """
        from airflow import DAG

        with DAG(dag_id="orders_daily", schedule=None):
            pass
        """;

    private const string BrokenDag = """
        from airflow import DAG

        with DAG(dag_id="orders_daily", schedule=None)
            pass
        """;

    [SkippableFact]
    public async Task The_dags_resource_turns_unhealthy_with_file_line_and_dag_id_when_a_file_breaks_and_healthy_when_it_is_fixed()
    {
        RequiredTool.SkipOrFailIfMissing(Python.FindWith("ast") is null, "python3 (DagPackager's checks compile DAG files with it) is not installed");
        DockerEngine.SkipOrFailIfImageMissing(AirflowStandIn.Reference);
        using var folder = new TempFolder();
        var dagsFolder = folder.Folder("dags");
        var dagFile = folder.Write("dags/orders.py", GoodDag);

        var builder = TestModel.Create(output);
        var database = builder.AddConnectionString("airflow-db");
        builder.Configuration["ConnectionStrings:airflow-db"] = "postgresql+psycopg2://airflow:unused@127.0.0.1:9/airflow";
        builder.AddAirflow("airflow")
            .WithImage(AirflowStandIn.Image, AirflowStandIn.Tag)
            .WithDatabase(database)
            .WithDags(dagsFolder);

        // Aspire's start finishes only once every component has begun, and these never do (no database): don't wait for it.
        var run = await RunningApp.BeginAsync(builder, output);
        await using (run)
        {
            var healthy = await run.WaitForStateAsync(Dags, e => e.Snapshot.HealthStatus == HealthStatus.Healthy);
            Assert.Equal(dagsFolder, Property(healthy, "dags.folder"));
            Assert.Equal("orders_daily", Property(healthy, "dags.ids"));
            Assert.Equal("airflow", Assert.IsType<AirflowDagsResource>(healthy.Resource).Parent.Name);

            // Break the file: unhealthy, and the log and the properties say where, what and which DAG.
            var saved = Stopwatch.StartNew();
            await File.WriteAllTextAsync(dagFile, BrokenDag);
            var broken = await run.WaitForStateAsync(Dags, e => e.Snapshot.HealthStatus == HealthStatus.Unhealthy, Wait);
            output.WriteLine($"Unhealthy {saved.ElapsedMilliseconds} ms after the save.");
            var finding = await run.Logs.WaitForLineAsync(Dags, "orders.py:3:", TimeSpan.FromSeconds(10));
            Assert.Contains("syntax-error", finding, StringComparison.Ordinal);
            Assert.Contains("(DAG orders_daily)", finding, StringComparison.Ordinal);
            Assert.Contains("orders.py:3:", Property(broken, "dags.findings"), StringComparison.Ordinal);
            Assert.Equal("1", Property(broken, "dags.errors"));

            // Fix it: healthy again, no findings left.
            saved.Restart();
            await File.WriteAllTextAsync(dagFile, GoodDag);
            var fixedAgain = await run.WaitForStateAsync(Dags, e => e.Snapshot.HealthStatus == HealthStatus.Healthy, Wait);
            output.WriteLine($"Healthy {saved.ElapsedMilliseconds} ms after the fix.");
            Assert.Equal("", Property(fixedAgain, "dags.findings"));

            // A burst of saves, as an editor's save-all or a git checkout makes: one check for all of them.
            var checksBefore = Checks(run);
            for (var i = 0; i < 20; i++)
            {
                await File.WriteAllTextAsync(dagFile, GoodDag + $"\n# save {i}\n");
            }

            await WaitForCheckCountAsync(run, checksBefore + 1);
            await Task.Delay(DagFolderQuietPeriodAndMore);
            Assert.Equal(checksBefore + 1, Checks(run));

            // The folder briefly gone (a branch switch): unhealthy saying so, then healthy again once it is back.
            var away = folder.Combine("dags-away");
            Directory.Move(dagsFolder, away);
            var missing = await run.WaitForStateAsync(Dags, e => e.Snapshot.HealthStatus == HealthStatus.Unhealthy, Wait);
            Assert.Contains("does not exist", Property(missing, "dags.outcome"), StringComparison.Ordinal);
            Directory.Move(away, dagsFolder);
            await run.WaitForStateAsync(Dags, e => e.Snapshot.HealthStatus == HealthStatus.Healthy, Wait);

            // And a file changed after that is still seen: the watch was renewed on the folder that came back.
            await File.WriteAllTextAsync(dagFile, BrokenDag);
            await run.WaitForStateAsync(Dags, e => e.Snapshot.HealthStatus == HealthStatus.Unhealthy, Wait);

            await run.StopAndAssertCleanedUpAsync();
        }
    }

    /// <summary>Longer than the monitor's quiet period, so a second check, if one were coming, would have begun.</summary>
    private static readonly TimeSpan DagFolderQuietPeriodAndMore = TimeSpan.FromSeconds(2);

    private static int Checks(RunningApp run) => run.Timeline.Count(e => e.ResourceName == Dags && e.State == "Checking");

    private static async Task WaitForCheckCountAsync(RunningApp run, int count)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (Checks(run) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Dags} did not start check {count} within {Wait.TotalSeconds:0} s.");
            await Task.Delay(100);
        }
    }

    private static string? Property(ResourceEvent e, string name) =>
        e.Snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value?.ToString();
}
