using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.Airflow;

namespace AirflowAspire.Hosting.Tests.Integrations.Airflow;

/// <summary>The settings each Airflow version needs, checked against the options that version documents.</summary>
public class AirflowConfigurationTests
{
    private static readonly string[] SharedByBothVersions =
    [
        "AIRFLOW__CORE__EXECUTOR", "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "AIRFLOW__CORE__FERNET_KEY_CMD",
        "AIRFLOWASPIRE_FERNET_KEY_SEED", "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION", "AIRFLOW__CORE__LOAD_EXAMPLES",
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK", "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT",
        "AIRFLOW__CELERY__BROKER_URL", "AIRFLOW__CELERY__RESULT_BACKEND",
    ];

    [Fact]
    public void Airflow_3_gets_a_shared_jwt_secret_the_execution_api_url_and_the_api_secret_key()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery();
        test.Builder.Build();

        var env = TestApp.LocalEnvironment(airflow.Resource.Components[AirflowRole.Scheduler]);
        Assert.Equal(
            SharedByBothVersions.Concat(["AIRFLOW__CORE__AUTH_MANAGER", "AIRFLOW__CORE__EXECUTION_API_SERVER_URL",
                "AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOW__API__SECRET_KEY"]).Order(),
            env.Keys.Order());
        Assert.Equal("http://airflow-api-server:8080/execution/", env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"]);
        Assert.Equal("value-of-airflow-jwt-secret", env["AIRFLOW__API_AUTH__JWT_SECRET"]);
        Assert.Equal("airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager", env["AIRFLOW__CORE__AUTH_MANAGER"]);
    }

    [Fact]
    public void Airflow_2_gets_the_webserver_secret_key_and_nothing_that_only_Airflow_3_knows()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase("2.11.0").WithRedisCelery();
        var model = test.Builder.Build().Model;

        var env = TestApp.LocalEnvironment(airflow.Resource.Components[AirflowRole.Scheduler]);
        Assert.Equal(SharedByBothVersions.Append("AIRFLOW__WEBSERVER__SECRET_KEY").Order(), env.Keys.Order());
        Assert.False(model.TryGet("airflow-jwt-secret", out _));
        Assert.Equal("docker.io/apache/airflow:2.11.0", airflow.Resource.Components[AirflowRole.Scheduler].Image.Reference);
    }

    [Fact]
    public void Every_component_shares_one_jwt_secret_one_fernet_seed_and_one_secret_key()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery().WithFlower().WithTriggerer();
        test.Builder.Build();

        string[] shared = ["AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOWASPIRE_FERNET_KEY_SEED", "AIRFLOW__API__SECRET_KEY", "AIRFLOW__CORE__FERNET_KEY_CMD"];
        var values = airflow.Resource.Components.Values
            .Select(c => TestApp.ManifestEnvironment(c))
            .Select(env => string.Join("|", shared.Select(k => env[k])))
            .Distinct();
        Assert.Single(values);
    }

    [Fact]
    public void Database_and_celery_urls_use_the_drivers_airflow_expects()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery();
        test.Builder.Build();

        var env = TestApp.LocalEnvironment(airflow.Resource.Components[AirflowRole.Worker]);
        Assert.Equal("postgresql+psycopg2://postgres:value-of-postgres-password@postgres:5432/airflow", env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]);
        Assert.Equal("db+postgresql://postgres:value-of-postgres-password@postgres:5432/airflow", env["AIRFLOW__CELERY__RESULT_BACKEND"]);
        Assert.Equal("redis://:value-of-redis-password@redis:6379/0", env["AIRFLOW__CELERY__BROKER_URL"]);
        Assert.Equal("0", env["DUMB_INIT_SETSID"]);
    }

    [Fact]
    public void RabbitMQ_broker_url_names_the_default_vhost()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRabbitCelery();
        test.Builder.Build();

        var env = TestApp.LocalEnvironment(airflow.Resource.Components[AirflowRole.Worker]);
        Assert.Equal("amqp://guest:value-of-rabbitmq-password@rabbitmq:5672//", env["AIRFLOW__CELERY__BROKER_URL"]);
    }

    [Fact]
    public void Examples_are_not_loaded_and_new_dags_start_paused()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();
        test.Builder.Build();

        var env = TestApp.LocalEnvironment(airflow.Resource.Components[AirflowRole.Scheduler]);
        Assert.Equal("false", env["AIRFLOW__CORE__LOAD_EXAMPLES"]);
        Assert.Equal("true", env["AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION"]);
    }

    [Fact]
    public void Init_migrates_and_creates_the_admin_user_through_the_official_entrypoint()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithAdminUser("ops");
        test.Builder.Build();

        var init = airflow.Resource.Components[AirflowRole.Init];
        var env = TestApp.LocalEnvironment(init);
        Assert.Equal("true", env["_AIRFLOW_DB_MIGRATE"]);
        Assert.Equal("true", env["_AIRFLOW_WWW_USER_CREATE"]);
        Assert.Equal("ops", env["_AIRFLOW_WWW_USER_USERNAME"]);
        Assert.Equal("value-of-airflow-admin-password", env["_AIRFLOW_WWW_USER_PASSWORD"]);
        Assert.Equal(["version"], Args(init));
        Assert.Empty(init.GetHealthChecks());
    }

    [Theory]
    [InlineData(AirflowRole.ApiServer, "api-server", 8080)]
    [InlineData(AirflowRole.Scheduler, "scheduler", 8974)]
    [InlineData(AirflowRole.Worker, "celery worker", 8793)]
    [InlineData(AirflowRole.Flower, "celery flower", 5555)]
    public void Components_with_a_web_server_run_their_command_and_expose_it_as_http(AirflowRole role, string command, int port)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery().WithFlower();
        test.Builder.Build();

        var component = airflow.Resource.Components[role];
        Assert.Equal(command, string.Join(" ", Args(component)));
        var http = Assert.Single(component.GetEndpoints());
        Assert.Equal(("http", port, "http"), (http.Name, http.TargetPort, http.Scheme));
    }

    [Theory]
    [InlineData("3.2.2", AirflowRole.ApiServer, "http", "/api/v2/monitor/health")]
    [InlineData("2.11.0", AirflowRole.Webserver, "http", "/health")]
    [InlineData("3.2.2", AirflowRole.Scheduler, "http", "/health")]
    [InlineData("3.2.2", AirflowRole.Flower, "http", "/")]
    public void Http_health_checks_match_the_official_compose_file(string version, AirflowRole role, string endpoint, string path)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase(version).WithRedisCelery().WithFlower();
        test.Builder.Build();

        var check = Assert.IsType<HttpHealthCheckAnnotation>(Assert.Single(airflow.Resource.Components[role].GetHealthChecks()));
        Assert.Equal((endpoint, path), (check.EndpointName, check.Path));
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 5, TimeSpan.FromSeconds(30)),
            (check.Interval, check.Timeout, check.Retries, check.StartPeriod));
    }

    [Theory]
    [InlineData(AirflowRole.DagProcessor, "airflow jobs check --job-type DagProcessorJob --hostname \"${HOSTNAME}\"")]
    [InlineData(AirflowRole.Triggerer, "airflow jobs check --job-type TriggererJob --hostname \"${HOSTNAME}\"")]
    [InlineData(AirflowRole.Worker, "celery --app airflow.providers.celery.executors.celery_executor.app inspect ping -d \"celery@${HOSTNAME}\"")]
    public void Command_health_checks_match_the_official_compose_file(AirflowRole role, string expected)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery().WithTriggerer();
        test.Builder.Build();

        var check = Assert.IsType<CommandHealthCheckAnnotation>(Assert.Single(airflow.Resource.Components[role].GetHealthChecks()));
        Assert.True(check.UseShell);
        Assert.StartsWith(expected, check.Command[0]);
    }

    [Fact]
    public void Airflow_2_runs_a_webserver_and_a_dag_processor_only_when_asked()
    {
        using var plain = TestApp.Create();
        var withoutProcessor = plain.AddAirflowWithDatabase("2.10.5");
        plain.Builder.Build();
        using var standalone = TestApp.Create();
        var withProcessor = standalone.AddAirflowWithDatabase("2.10.5").WithStandaloneDagProcessor();
        standalone.Builder.Build();

        Assert.Equal([AirflowRole.Init, AirflowRole.Webserver, AirflowRole.Scheduler], withoutProcessor.Resource.Components.Keys);
        Assert.Contains(AirflowRole.DagProcessor, withProcessor.Resource.Components.Keys);
        Assert.Equal("true", TestApp.LocalEnvironment(withProcessor.Resource.Components[AirflowRole.Scheduler])["AIRFLOW__SCHEDULER__STANDALONE_DAG_PROCESSOR"]);
    }

    [Fact]
    public void Airflow_resource_connection_string_is_the_api_url()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();
        test.Builder.Build();

        Assert.Equal("http://airflow-api-server:8080",
            airflow.Resource.ConnectionStringExpression.ToLocalValue(TestApp.LocalContext(LocalConsumer.ContainerNetwork)));
    }

    private static List<string> Args(IResource resource) =>
        resource.GetArgs(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run))
            .Select(a => a.ToLiteral()).ToList();
}
