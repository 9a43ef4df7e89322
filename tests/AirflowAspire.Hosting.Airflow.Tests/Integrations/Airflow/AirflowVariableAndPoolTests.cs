namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>WithVariable gives every component <c>AIRFLOW_VAR_{KEY}</c>; WithPool makes the init set the pool after the migration.</summary>
public class AirflowVariableAndPoolTests
{
    [Fact]
    public void Variables_are_environment_variables_of_every_component()
    {
        using var test = TestApp.CreateForPublish();
        var token = test.Builder.AddParameter("api-token", secret: true);
        test.AddAirflowWithDatabase().WithVariable("env", "dev").WithVariable("api_token", token);
        var model = test.BuildModel();

        foreach (var component in model.Resources.OfType<AirflowComponentResource>())
        {
            var env = ModelInspection.Environment(component);
            Assert.Equal("dev", env["AIRFLOW_VAR_ENV"]);
            Assert.Equal("{api-token.value}", env["AIRFLOW_VAR_API_TOKEN"]);
        }
    }

    [Theory]
    [InlineData("my-var")]
    [InlineData("1st")]
    public void A_variable_key_that_cannot_name_a_variable_is_refused(string key)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithVariable(key, "x"));

        Assert.Contains($"variable key '{key}'", error.Message);
    }

    [Fact]
    public void The_same_variable_twice_is_refused()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithVariable("env", "dev");

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithVariable("ENV", "prod"));

        Assert.Contains("AIRFLOW_VAR_ENV", error.Message);
    }

    [Fact]
    public void Pools_are_set_by_the_init_after_the_admin_user_from_its_environment()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase().WithPool("etl", slots: 4, "ETL's 'heavy' tasks; $HOME stays").WithPool("api", 1);
        var init = AirflowConnectionTests.Component(test.BuildModel(), "airflow-init");

        var args = ModelInspection.Arguments(init);
        var env = ModelInspection.Environment(init);

        Assert.Equal(["bash", "-c"], args.Take(2));
        Assert.StartsWith(AirflowAdminUser.CreateScript, args[2], StringComparison.Ordinal);
        Assert.EndsWith(
            " && airflow pools set \"$AIRFLOWASPIRE_POOL_0_NAME\" \"$AIRFLOWASPIRE_POOL_0_SLOTS\" \"$AIRFLOWASPIRE_POOL_0_DESCRIPTION\"" +
            " && airflow pools set \"$AIRFLOWASPIRE_POOL_1_NAME\" \"$AIRFLOWASPIRE_POOL_1_SLOTS\" \"$AIRFLOWASPIRE_POOL_1_DESCRIPTION\"",
            args[2], StringComparison.Ordinal);
        Assert.Equal("etl", env["AIRFLOWASPIRE_POOL_0_NAME"]);
        Assert.Equal("4", env["AIRFLOWASPIRE_POOL_0_SLOTS"]);
        Assert.Equal("ETL's 'heavy' tasks; $HOME stays", env["AIRFLOWASPIRE_POOL_0_DESCRIPTION"]);
        Assert.Equal("", env["AIRFLOWASPIRE_POOL_1_DESCRIPTION"]);
    }

    [Fact]
    public void Without_pools_the_init_runs_only_the_admin_user_script()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase();
        var init = AirflowConnectionTests.Component(test.BuildModel(), "airflow-init");

        Assert.Equal(AirflowAdminUser.CreateArgs, ModelInspection.Arguments(init));
    }

    [Theory]
    [InlineData("etl", -1, "-1 slots")]
    [InlineData("", 1, "pool name ''")]
    [InlineData("a\nb", 1, "control characters")]
    public void Bad_pools_are_refused(string name, int slots, string expected)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithPool(name, slots));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void The_same_pool_twice_is_refused()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithPool("etl", 4);

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithPool("etl", 2));

        Assert.Contains("pool 'etl' twice", error.Message);
    }
}
