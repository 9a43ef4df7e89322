using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Validation;

/// <summary>The example DAGs of the repository's dags/ pass validate, warnings included.</summary>
public sealed class ValidateRepositoryDagsTests
{
    [SkippableFact]
    public async Task The_repository_dags_are_clean()
    {
        Python3.Require();
        var dags = Path.Combine(RepositoryRoot(), "dags");

        var run = await CommandRun.InvokeAsync("validate", dags, "--strict", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = JsonReport.Parse(run.Output);
        Assert.Empty(report.Problems);
        var ids = report.Dags.Select(d => d.DagId).ToList();
        foreach (var expected in new[] { "hello_celery", "kpo_etl", "kpo_pass_fail", "local_tiny" })
        {
            Assert.Contains(expected, ids);
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AirflowAspire.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No AirflowAspire.sln above {AppContext.BaseDirectory}.");
    }
}
