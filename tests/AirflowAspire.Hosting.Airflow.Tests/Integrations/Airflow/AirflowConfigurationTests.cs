namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>The settings each Airflow version needs, as a publisher sees them (manifest expressions).</summary>
public class AirflowConfigurationTests
{
    private static readonly string[] SharedByBothVersions =
    [
        "AIRFLOW__CORE__EXECUTOR", "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD", "AIRFLOWASPIRE_DATABASE_USER",
        "AIRFLOWASPIRE_DATABASE_PASSWORD", "AIRFLOWASPIRE_DATABASE_ADDRESS", "AIRFLOW__CORE__FERNET_KEY_CMD",
        "AIRFLOWASPIRE_FERNET_KEY_SEED", "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION", "AIRFLOW__CORE__LOAD_EXAMPLES",
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK", "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT",
        "AIRFLOW__CELERY__BROKER_URL_CMD", "AIRFLOWASPIRE_BROKER_USER", "AIRFLOWASPIRE_BROKER_PASSWORD", "AIRFLOWASPIRE_BROKER_ADDRESS",
        "AIRFLOW__CELERY__RESULT_BACKEND_CMD", "AIRFLOWASPIRE_RESULT_BACKEND_USER", "AIRFLOWASPIRE_RESULT_BACKEND_PASSWORD",
        "AIRFLOWASPIRE_RESULT_BACKEND_ADDRESS",
    ];

    [Fact]
    public void Airflow_3_gets_a_shared_jwt_secret_the_execution_api_url_and_the_api_secret_key()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery();

        var env = ModelInspection.Environment(airflow.Resource.Components[AirflowRole.Scheduler]);
        Assert.Equal(
            SharedByBothVersions.Concat(["AIRFLOW__CORE__AUTH_MANAGER", "AIRFLOW__CORE__EXECUTION_API_SERVER_URL",
                "AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOW__API__SECRET_KEY"]).Order(),
            env.Keys.Order());
        Assert.Equal("{airflow-api-server.bindings.http.url}/execution/", env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"]);
        Assert.Equal("{airflow-jwt-secret.value}", env["AIRFLOW__API_AUTH__JWT_SECRET"]);
        Assert.Equal("airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager", env["AIRFLOW__CORE__AUTH_MANAGER"]);
    }

    [Fact]
    public void Airflow_2_gets_the_webserver_secret_key_and_nothing_that_only_Airflow_3_knows()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase("2.11.0").WithRedisCelery();
        var model = test.BuildModel();

        var scheduler = airflow.Resource.Components[AirflowRole.Scheduler];
        var env = ModelInspection.Environment(scheduler);
        Assert.Equal(SharedByBothVersions.Concat(["AIRFLOW__WEBSERVER__SECRET_KEY", "AIRFLOW__API__AUTH_BACKENDS"]).Order(), env.Keys.Order());
        Assert.Equal("airflow.providers.fab.auth_manager.api.auth.backend.basic_auth,airflow.providers.fab.auth_manager.api.auth.backend.session",
            env["AIRFLOW__API__AUTH_BACKENDS"]);
        Assert.DoesNotContain(model.Resources, r => r.Name == "airflow-jwt-secret");
        Assert.DoesNotContain(model.Resources, r => r.Name == "airflow-api-server");
        Assert.Equal("docker.io/apache/airflow:2.11.0", ModelInspection.ImageReference(scheduler));
    }

    [Fact]
    public void Every_component_shares_one_jwt_secret_one_fernet_seed_and_one_secret_key()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery().WithFlower().WithTriggerer();

        string[] shared = ["AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOWASPIRE_FERNET_KEY_SEED", "AIRFLOW__API__SECRET_KEY", "AIRFLOW__CORE__FERNET_KEY_CMD"];
        var values = airflow.Resource.Components.Values
            .Select(ModelInspection.Environment)
            .Select(env => string.Join("|", shared.Select(k => env[k])))
            .Distinct();
        Assert.Single(values);
    }

    [Fact]
    public void Database_and_broker_urls_are_built_from_parts_with_the_password_alone_in_its_variable()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery();

        var env = ModelInspection.Environment(airflow.Resource.Components[AirflowRole.Worker]);
        Assert.Contains("'postgresql+psycopg2://'", env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD"]);
        Assert.Equal("postgres", env["AIRFLOWASPIRE_DATABASE_USER"]);
        Assert.Equal("{postgres-password.value}", env["AIRFLOWASPIRE_DATABASE_PASSWORD"]);
        Assert.Equal("{postgres.bindings.tcp.host}:{postgres.bindings.tcp.port}/airflow", env["AIRFLOWASPIRE_DATABASE_ADDRESS"]);
        Assert.Contains("'db+postgresql://'", env["AIRFLOW__CELERY__RESULT_BACKEND_CMD"]);
        Assert.Contains("'redis://'", env["AIRFLOW__CELERY__BROKER_URL_CMD"]);
        Assert.Equal("{redis-password.value}", env["AIRFLOWASPIRE_BROKER_PASSWORD"]);
        Assert.Equal("{redis.bindings.tcp.host}:{redis.bindings.tcp.port}/0", env["AIRFLOWASPIRE_BROKER_ADDRESS"]);
        Assert.Equal("0", env["DUMB_INIT_SETSID"]);
        Assert.DoesNotContain(env, e => e.Value.Contains("password.value}@", StringComparison.Ordinal));
    }

    [Fact]
    public void RabbitMQ_broker_names_the_default_vhost()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRabbitCelery();

        var env = ModelInspection.Environment(airflow.Resource.Components[AirflowRole.Worker]);
        Assert.Contains("'amqp://'", env["AIRFLOW__CELERY__BROKER_URL_CMD"]);
        Assert.Equal("guest", env["AIRFLOWASPIRE_BROKER_USER"]);
        Assert.Equal("{rabbitmq.bindings.tcp.host}:{rabbitmq.bindings.tcp.port}//", env["AIRFLOWASPIRE_BROKER_ADDRESS"]);
    }

    [Fact]
    public void Init_migrates_through_the_official_entrypoint_then_creates_the_admin_user_itself()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithAdminUser("ops");

        var init = airflow.Resource.Components[AirflowRole.Init];
        var env = ModelInspection.Environment(init);
        Assert.Equal("true", env["_AIRFLOW_DB_MIGRATE"]);
        Assert.Equal("ops", env["AIRFLOWASPIRE_ADMIN_USERNAME"]);
        Assert.Equal("{airflow-admin-password.value}", env["AIRFLOWASPIRE_ADMIN_PASSWORD"]);
        Assert.Equal(["bash", "-c"], ModelInspection.Arguments(init).Take(2));
        Assert.Contains("| airflow users create", ModelInspection.Arguments(init)[2], StringComparison.Ordinal);
        Assert.Empty(init.Annotations.OfType<HealthCheckAnnotation>());
    }

    [Theory]
    [InlineData(AirflowRole.ApiServer, "api-server", 8080, true)]
    [InlineData(AirflowRole.Scheduler, "scheduler", 8974, false)]
    [InlineData(AirflowRole.Worker, "celery worker", 8793, false)]
    [InlineData(AirflowRole.Flower, "celery flower", 5555, true)]
    public void Components_with_a_web_server_run_their_command_and_expose_it_as_http(AirflowRole role, string command, int port, bool external)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery().WithFlower();

        var component = airflow.Resource.Components[role];
        Assert.Equal(command, string.Join(" ", ModelInspection.Arguments(component)));
        var http = Assert.Single(component.Annotations.OfType<EndpointAnnotation>());
        Assert.Equal(("http", port, "http", external), (http.Name, http.TargetPort, http.UriScheme, http.IsExternal));
    }

    [Fact]
    public void The_ui_gets_the_fixed_host_port_asked_for()
    {
        using var test = TestApp.Create();
        var db = test.Builder.AddPostgres("postgres").AddDatabase("airflow-db", "airflow");
        var airflow = test.Builder.AddAirflow("airflow", apiServerPort: 8080).WithDatabase(db);

        Assert.Equal(8080, airflow.Resource.WebComponent.Annotations.OfType<EndpointAnnotation>().Single().Port);
    }

    [Theory]
    [InlineData(AirflowRole.ApiServer)]
    [InlineData(AirflowRole.Scheduler)]
    [InlineData(AirflowRole.Flower)]
    [InlineData(AirflowRole.DagProcessor)]
    [InlineData(AirflowRole.Triggerer)]
    [InlineData(AirflowRole.Worker)]
    public void Every_long_running_component_has_one_health_check(AirflowRole role)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery().WithFlower().WithTriggerer();

        var check = Assert.Single(airflow.Resource.Components[role].Annotations.OfType<HealthCheckAnnotation>());
        Assert.Contains("airflow-", check.Key);
    }

    [Fact]
    public void Airflow_2_runs_a_webserver_and_a_dag_processor_only_when_asked()
    {
        using var plain = TestApp.Create();
        var withoutProcessor = plain.AddAirflowWithDatabase("2.10.5");
        using var standalone = TestApp.Create();
        var withProcessor = standalone.AddAirflowWithDatabase("2.10.5").WithStandaloneDagProcessor();

        Assert.Equal([AirflowRole.Init, AirflowRole.Webserver, AirflowRole.Scheduler], withoutProcessor.Resource.Components.Keys);
        Assert.Contains(AirflowRole.DagProcessor, withProcessor.Resource.Components.Keys);
        Assert.Equal("true", ModelInspection.Environment(withProcessor.Resource.Components[AirflowRole.Scheduler])["AIRFLOW__SCHEDULER__STANDALONE_DAG_PROCESSOR"]);
    }

    [Fact]
    public void Components_show_their_database_and_broker_as_references()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery();

        foreach (var component in airflow.Resource.Components.Values)
        {
            var references = component.Annotations.OfType<ResourceRelationshipAnnotation>().Where(r => r.Type == "Reference").Select(r => r.Resource.Name);
            Assert.Equal(["airflow-db", "redis"], references.Order());
        }
    }

    [Fact]
    public void Components_are_nested_under_the_airflow_resource()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery();

        Assert.All(airflow.Resource.Components.Values, c => Assert.Same(airflow.Resource, c.Parent));
    }

    [Fact]
    public void Published_postgres_creates_the_airflow_database_itself()
    {
        using var test = TestApp.Create();
        test.AddAirflowWithDatabase();
        var postgres = test.Builder.Resources.Single(r => r.Name == "postgres");

        Assert.Equal("airflow", ModelInspection.Environment(postgres)["POSTGRES_DB"]);
    }
}
