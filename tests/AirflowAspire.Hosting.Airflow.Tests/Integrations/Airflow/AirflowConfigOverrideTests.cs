
namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

public class AirflowConfigOverrideTests
{
    [Fact]
    public void WithConfig_sets_the_option_on_every_component_and_overrides_defaults()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase()
            .WithConfig("core", "parallelism", "64")
            .WithConfig("CORE", "Load_Examples", "true");

        foreach (var component in airflow.Resource.Components.Values)
        {
            var env = ModelInspection.Environment(component);
            Assert.Equal("64", env["AIRFLOW__CORE__PARALLELISM"]);
            Assert.Equal("true", env["AIRFLOW__CORE__LOAD_EXAMPLES"]);
        }
    }

    [Fact]
    public void WithConfig_takes_values_that_refer_to_other_resources()
    {
        using var test = TestApp.Create();
        var token = test.Builder.AddParameter("slack-token", secret: true);
        var airflow = test.AddAirflowWithDatabase()
            .WithConfig("secrets", "backend_kwargs", ReferenceExpression.Create($"{{\"token\": \"{token.Resource}\"}}"));

        var env = ModelInspection.Environment(airflow.Resource.Components[AirflowRole.Scheduler]);
        Assert.Equal("{\"token\": \"{slack-token.value}\"}", env["AIRFLOW__SECRETS__BACKEND_KWARGS"]);
    }

    [Theory]
    [InlineData("core", "sql_alchemy_conn", "[database] sql_alchemy_conn")]
    [InlineData("webserver", "secret_key", "[api] secret_key")]
    [InlineData("scheduler", "dag_dir_list_interval", "[dag_processor] refresh_interval")]
    public void WithConfig_on_Airflow_3_names_where_a_moved_option_went(string section, string option, string movedTo)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithConfig(section, option, "x"));
        Assert.Contains("'airflow'", error.Message);
        Assert.Contains(movedTo, error.Message);
    }

    [Fact]
    public void WithConfig_rejects_a_misspelt_option_of_a_known_section()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithConfig("core", "paralelism", "8"));
        Assert.Contains("[core] paralelism", error.Message);
        Assert.Contains("3.2.2", error.Message);
    }

    [Fact]
    public void WithConfig_on_Airflow_2_rejects_options_only_Airflow_3_has_and_names_the_Airflow_2_option()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase("2.11.0");

        var moved = Assert.Throws<DistributedApplicationException>(() => airflow.WithConfig("api", "secret_key", "x"));
        Assert.Contains("[webserver] secret_key", moved.Message);
        var newSection = Assert.Throws<DistributedApplicationException>(() => airflow.WithConfig("api_auth", "jwt_secret", "x"));
        Assert.Contains("only from Airflow 3.0", newSection.Message);
        airflow.WithConfig("webserver", "expose_config", "True");
    }

    [Fact]
    public void WithConfig_accepts_sections_of_providers_it_does_not_know()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithConfig("openlineage", "disabled", "true");

        Assert.Equal("true", ModelInspection.Environment(airflow.Resource.Components[AirflowRole.Scheduler])["AIRFLOW__OPENLINEAGE__DISABLED"]);
    }

    [Theory]
    [InlineData("", "parallelism")]
    [InlineData("core", " ")]
    [InlineData("core__x", "parallelism")]
    public void WithConfig_needs_a_section_and_an_option(string section, string option)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithConfig(section, option, "1"));
        Assert.Contains("WithConfig", error.Message);
    }

    [Fact]
    public void Version_set_after_WithConfig_still_applies_to_the_options_set_before()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithConfig("core", "parallelism", "8").WithVersion("2.10.5");

        Assert.Equal("8", ModelInspection.Environment(airflow.Resource.Components[AirflowRole.Scheduler])["AIRFLOW__CORE__PARALLELISM"]);
    }
}
