using AirflowAspire.Hosting.Integrations.Airflow;

namespace AirflowAspire.Hosting.Tests.Integrations.Airflow;

/// <summary>Each mistake a user can make with AddAirflow fails with a message naming the resource and the fix.</summary>
public class AirflowErrorTests
{
    [Fact]
    public void Missing_database_says_how_to_add_one()
    {
        using var test = TestApp.Create();
        test.Builder.AddAirflow("airflow");

        var error = Assert.Throws<DistributedApplicationException>(() => test.Builder.Build());
        Assert.Contains("'airflow'", error.Message);
        Assert.Contains("WithDatabase(", error.Message);
    }

    [Fact]
    public void Workers_without_celery_are_refused()
    {
        using var test = TestApp.Create();
        test.AddAirflowWithDatabase().WithWorkers(2);

        var error = Assert.Throws<DistributedApplicationException>(() => test.Builder.Build());
        Assert.Contains("WithCeleryExecutor", error.Message);
    }

    [Fact]
    public void Flower_without_celery_is_refused()
    {
        using var test = TestApp.Create();
        test.AddAirflowWithDatabase().WithFlower();

        var error = Assert.Throws<DistributedApplicationException>(() => test.Builder.Build());
        Assert.Contains("Flower", error.Message);
        Assert.Contains("WithCeleryExecutor", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Fewer_than_one_worker_is_refused(int workers)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery();

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithWorkers(workers));
        Assert.Contains($"{workers} Celery workers", error.Message);
    }

    [Theory]
    [InlineData("latest", "not an Airflow version")]
    [InlineData("1.10.15", "not supported")]
    [InlineData("2.9.3", "not supported")]
    [InlineData("4.0.0", "not supported")]
    public void Unsupported_versions_are_refused(string version, string expected)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithVersion(version));
        Assert.Contains(expected, error.Message);
        Assert.Contains("'airflow'", error.Message);
    }

    [Fact]
    public void Missing_dags_folder_names_the_resolved_path()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithDags("no-such-dags"));
        Assert.Contains(Path.Combine(test.Directory, "no-such-dags"), error.Message);
    }

    [Fact]
    public void Database_of_another_builder_is_refused()
    {
        using var other = TestApp.Create();
        var foreignDb = other.Builder.AddPostgres("pg").AddDatabase("db");
        using var test = TestApp.Create();
        var airflow = test.Builder.AddAirflow("airflow");

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithDatabase(foreignDb));
        Assert.Contains("another DistributedApplication builder", error.Message);
    }

    [Fact]
    public void Two_airflows_in_one_app_get_their_own_components_and_secrets()
    {
        using var test = TestApp.Create();
        var pg = test.Builder.AddPostgres("pg");
        var pg2 = test.Builder.AddPostgres("pg2");
        test.Builder.AddAirflow("blue").WithDatabase(pg.AddDatabase("blue-db"));
        test.Builder.AddAirflow("green").WithDatabase(pg2.AddDatabase("green-db"));
        var model = test.Builder.Build().Model;

        Assert.True(model.TryGet("blue-scheduler", out _));
        Assert.True(model.TryGet("green-scheduler", out _));
        Assert.True(model.TryGet("green-fernet-key-seed", out _));
    }

    [Fact]
    public void Settings_cannot_change_after_build()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();
        test.Builder.Build();

        Assert.Throws<InvalidOperationException>(() => airflow.WithTriggerer());
    }
}
