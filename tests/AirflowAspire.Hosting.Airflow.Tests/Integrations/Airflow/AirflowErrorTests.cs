namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>Bad settings fail with the resource's name and the fix: at once where one call is wrong, before start or publish where settings clash.</summary>
public class AirflowErrorTests
{
    [Fact]
    public async Task Missing_database_says_how_to_add_one()
    {
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() =>
            TestApp.PublishManifestAsync(builder => builder.AddAirflow("airflow")));
        Assert.Contains("'airflow'", error.Message);
        Assert.Contains("WithDatabase(", error.Message);
    }

    [Fact]
    public async Task Workers_without_celery_are_refused()
    {
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() =>
            TestApp.PublishManifestAsync(builder => AddWithDatabase(builder).WithWorkers(2)));
        Assert.Contains("WithCeleryExecutor", error.Message);
    }

    [Fact]
    public async Task Flower_without_celery_is_refused()
    {
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() =>
            TestApp.PublishManifestAsync(builder => AddWithDatabase(builder).WithFlower()));
        Assert.Contains("Flower", error.Message);
        Assert.Contains("WithCeleryExecutor", error.Message);
    }

    [Fact]
    public async Task A_valid_model_publishes()
    {
        var manifest = await TestApp.PublishManifestAsync(builder => AddWithDatabase(builder).WithTriggerer());
        Assert.Contains("airflow-triggerer", manifest);
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
    public void Invalid_name_suggests_a_valid_one()
    {
        using var test = TestApp.Create();

        var error = Assert.Throws<DistributedApplicationException>(() => test.Builder.AddAirflow("MyAirflow"));
        Assert.Contains("'myairflow'", error.Message);
    }

    [Fact]
    public void Two_airflows_in_one_app_get_their_own_components_and_secrets()
    {
        using var test = TestApp.Create();
        var db = test.Builder.AddPostgres("postgres").AddDatabase("airflow-db", "airflow");
        var first = test.Builder.AddAirflow("etl").WithDatabase(db);
        var second = test.Builder.AddAirflow("ml").WithDatabase(db);
        var model = test.BuildModel();

        Assert.Contains(model.Resources, r => r.Name == "etl-scheduler");
        Assert.Contains(model.Resources, r => r.Name == "ml-scheduler");
        Assert.NotEqual(first.Resource.Secrets.FernetKeySeed, second.Resource.Secrets.FernetKeySeed);
        Assert.Equal("{ml-fernet-key-seed.value}", ModelInspection.Environment(second.Resource.Components[AirflowRole.Scheduler])["AIRFLOWASPIRE_FERNET_KEY_SEED"]);
    }

    private static IResourceBuilder<AirflowResource> AddWithDatabase(IDistributedApplicationBuilder builder) =>
        builder.AddAirflow("airflow").WithDatabase(builder.AddPostgres("postgres").AddDatabase("airflow-db", "airflow"));
}
