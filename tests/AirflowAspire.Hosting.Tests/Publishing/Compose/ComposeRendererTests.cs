using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Publishing.Compose;
using AirflowAspire.Hosting.Tests.Integrations.Airflow;
using YamlDotNet.Core;
using static AirflowAspire.Hosting.Tests.Publishing.Compose.ComposeDocument;

namespace AirflowAspire.Hosting.Tests.Publishing.Compose;

/// <summary>The compose file of a model, read back as YAML: services, images, commands, environment, restarts, volumes, replicas.</summary>
public class ComposeRendererTests
{
    [Fact]
    public void Each_container_resource_is_one_service_named_after_it_with_its_image_and_tag()
    {
        using var test = TestApp.Create("--publisher", "compose");
        test.AddAirflowWithDatabase().WithRedisCelery().WithWorkers(2).WithFlower().WithTriggerer();
        test.Builder.AddContainer("custom", "ghcr.io/example/tool", "1.2");

        var (compose, model) = Render(test);

        Assert.Equal(model.Resources.OfType<ContainerResource>().Select(c => c.Name), compose.ServiceNames);
        Assert.Equal(
            ["postgres", "redis", "custom", "airflow-init", "airflow-api-server", "airflow-scheduler", "airflow-dag-processor",
             "airflow-triggerer", "airflow-worker", "airflow-flower"],
            compose.ServiceNames);
        Assert.Equal("postgres:17.6", Value(compose.Service("postgres"), "image"));
        Assert.Equal("redis:7.4.5", Value(compose.Service("redis"), "image"));
        Assert.Equal("apache/airflow:3.2.2", Value(compose.Service("airflow-scheduler"), "image"));
        Assert.Equal("ghcr.io/example/tool:1.2", Value(compose.Service("custom"), "image"));
    }

    [Fact]
    public void Entrypoint_and_command_come_from_the_model_with_dollars_escaped()
    {
        using var test = TestApp.Create("--publisher", "compose");
        test.AddAirflowWithDatabase().WithRedisCelery();

        var (compose, _) = Render(test);

        var redis = compose.Service("redis");
        Assert.Equal(["/bin/sh"], List(redis, "entrypoint"));
        var command = List(redis, "command");
        Assert.Equal("-c", command[0]);
        Assert.Contains("requirepass $${REDIS_PASSWORD}", command[1]);
        Assert.Equal(["celery", "worker"], List(compose.Service("airflow-worker"), "command"));
        Assert.Equal(["scheduler"], List(compose.Service("airflow-scheduler"), "command"));
        Assert.False(Has(compose.Service("airflow-scheduler"), "entrypoint"));
        Assert.False(Has(compose.Service("postgres"), "command"));
    }

    [Fact]
    public void Environment_is_a_mapping_of_strings_with_in_network_addresses_and_secrets_from_the_env_file()
    {
        using var test = TestApp.Create("--publisher", "compose");
        test.AddAirflowWithDatabase().WithRedisCelery();
        test.Builder.AddContainer("tool", "busybox", "1.36").WithEnvironment("PRICE", "costs $5 or ${HOME}");

        var (compose, _) = Render(test);

        var scheduler = compose.Service("airflow-scheduler");
        var env = EnvironmentOf(scheduler);
        Assert.Equal("http://airflow-api-server:8080/execution/", env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"]);
        Assert.Equal("postgresql+psycopg2://postgres:${POSTGRES_PASSWORD}@postgres:5432/airflow", env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]);
        Assert.Equal("redis://:${REDIS_PASSWORD}@redis:6379/0", env["AIRFLOW__CELERY__BROKER_URL"]);
        Assert.Equal("${AIRFLOW_JWT_SECRET}", env["AIRFLOW__API_AUTH__JWT_SECRET"]);
        Assert.Equal("${AIRFLOW_FERNET_KEY_SEED}", env["AIRFLOWASPIRE_FERNET_KEY_SEED"]);
        Assert.Equal("${POSTGRES_PASSWORD}", EnvironmentOf(compose.Service("postgres"))["POSTGRES_PASSWORD"]);
        Assert.Equal("costs $$5 or $${HOME}", EnvironmentOf(compose.Service("tool"))["PRICE"]);

        // "true", "false" and "8793" must stay strings for a YAML 1.1 reader such as compose v1.
        Assert.Equal("false", env["AIRFLOW__CORE__LOAD_EXAMPLES"]);
        Assert.All(Mapping(scheduler, "environment").Children.Values.Cast<YamlDotNet.RepresentationModel.YamlScalarNode>(),
            value => Assert.True(ReadsAsString(value), $"'{value.Value}' would not be read as a string."));
    }

    [Fact]
    public void Long_running_services_always_restart_and_the_run_once_init_never_does()
    {
        using var test = TestApp.Create("--publisher", "compose");
        test.AddAirflowWithDatabase().WithRedisCelery();

        var (compose, _) = Render(test);

        foreach (var name in compose.ServiceNames.Where(n => n != "airflow-init"))
        {
            Assert.Equal("always", Value(compose.Service(name), "restart"));
        }

        var restart = Scalar(compose.Service("airflow-init"), "restart");
        Assert.Equal("no", restart.Value);
        Assert.NotEqual(ScalarStyle.Plain, restart.Style); // a plain no is the boolean false in YAML 1.1
    }

    [Fact]
    public void Named_volumes_are_declared_at_the_top_level_and_left_to_compose_to_scope_to_its_project()
    {
        using var test = TestApp.Create("--publisher", "compose");
        test.AddAirflowWithDatabase().WithRedisCelery();

        var (compose, model) = Render(test);

        var postgresVolume = model["postgres"].GetMounts().Single().Source;
        Assert.Equal("test-postgres-data", postgresVolume);
        Assert.Equal(["test-postgres-data:/var/lib/postgresql/data"], List(compose.Service("postgres"), "volumes"));
        Assert.Equal(["test-redis-data:/data"], List(compose.Service("redis"), "volumes"));
        var volumes = Mapping(compose.Root, "volumes");
        Assert.Equal(["test-postgres-data", "test-redis-data"], volumes.Children.Keys.Select(k => k.ToString()));
        Assert.Empty(Mapping(volumes, "test-postgres-data").Children); // no name: compose prefixes its project, so a local run's volume is never shared
    }

    [Fact]
    public void The_dag_folder_is_a_read_only_bind_mount_relative_to_the_output_folder()
    {
        using var test = TestApp.Create("--publisher", "compose");
        test.CreateFolder("dags");
        test.AddAirflowWithDatabase().WithDags("dags");

        var model = test.Builder.Build().Model;
        var beside = ComposeDocument.Parse(ComposeRenderer.Render(model, test.Directory));
        var below = ComposeDocument.Parse(ComposeRenderer.Render(model, Path.Combine(test.Directory, "deploy", "compose")));

        Assert.Contains("./dags:/opt/airflow/dags:ro", List(beside.Service("airflow-scheduler"), "volumes"));
        Assert.Contains("../../dags:/opt/airflow/dags:ro", List(below.Service("airflow-scheduler"), "volumes"));
        Assert.Equal(["test-postgres-data"], Mapping(below.Root, "volumes").Children.Keys.Select(k => k.ToString())); // a bind mount is no named volume
    }

    [Fact]
    public void Workers_get_their_replicas_and_no_fixed_host_name()
    {
        using var test = TestApp.Create("--publisher", "compose");
        test.AddAirflowWithDatabase().WithRabbitCelery().WithWorkers(3);

        var (compose, _) = Render(test);

        var worker = compose.Service("airflow-worker");
        Assert.Equal("3", Value(Mapping(worker, "deploy"), "replicas"));
        Assert.False(Has(worker, "hostname"));
        Assert.False(Has(compose.Service("airflow-scheduler"), "deploy"));
        Assert.Equal("rabbitmq", Value(compose.Service("rabbitmq"), "hostname")); // RabbitMQ names its node and data after it
    }

    [Fact]
    public void The_same_model_renders_the_same_text()
    {
        string RenderOnce()
        {
            using var test = TestApp.Create("--publisher", "compose");
            test.AddAirflowWithDatabase().WithRedisCelery().WithWorkers(2).WithFlower().WithTriggerer();
            return ComposeRenderer.Render(test.Builder.Build().Model, "/deploy");
        }

        Assert.Equal(RenderOnce(), RenderOnce());
    }

    internal static (ComposeDocument Compose, DistributedApplicationModel Model) Render(TestApp test, string? outputDirectory = null)
    {
        var model = test.Builder.Build().Model;
        return (ComposeDocument.Parse(ComposeRenderer.Render(model, outputDirectory ?? test.Directory)), model);
    }
}
