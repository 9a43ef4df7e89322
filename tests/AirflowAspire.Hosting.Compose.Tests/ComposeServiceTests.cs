using AirflowAspire.Hosting.Compose.Tests.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static AirflowAspire.Hosting.Compose.Tests.TestSupport.ComposeDocument;

namespace AirflowAspire.Hosting.Compose.Tests;

/// <summary>Each container as a service, read back as YAML: images, commands, environment, restarts, volumes, replicas.</summary>
public sealed class ComposeServiceTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Each_container_is_one_service_named_after_it_with_its_image_and_tag()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithRedisCelery(dataVolume: true).WithWorkers(2).WithFlower().WithTriggerer();
        test.Builder.AddContainer("custom", "ghcr.io/example/tool", "1.2");

        var compose = await test.PublishAsync();

        Assert.Equal(
            ["airflow-api-server", "airflow-dag-processor", "airflow-flower", "airflow-init", "airflow-scheduler", "airflow-triggerer",
             "airflow-worker", "custom", "postgres", "redis"],
            compose.ServiceNames.Order(StringComparer.Ordinal));
        Assert.Matches("^postgres:[0-9.]+$", Value(compose.Service("postgres"), "image")); // Docker Hub's official images by short name
        Assert.Matches("^redis:[0-9.]+$", Value(compose.Service("redis"), "image"));
        Assert.Equal("apache/airflow:3.2.2", Value(compose.Service("airflow-scheduler"), "image"));
        Assert.Equal("ghcr.io/example/tool:1.2", Value(compose.Service("custom"), "image"));
        Assert.DoesNotContain("compose", compose.ServiceNames); // the environment is no service
    }

    [Fact]
    public async Task Each_airflow_component_is_labelled_with_the_release_it_was_published_for_and_nothing_else_is()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddAirflowWithDatabase(version: "3.1.0").WithImage("registry.example.com/team/dags", "build-7").WithRedisCelery();

        var compose = await test.PublishAsync();

        foreach (var service in compose.ServiceNames.Where(n => n.StartsWith("airflow-", StringComparison.Ordinal)))
        {
            Assert.Equal("3.1.0", Value(Mapping(compose.Service(service), "labels"), "airflowaspire.io/airflow-version"));
        }

        Assert.False(Has(compose.Service("postgres"), "labels"));
        Assert.False(Has(compose.Service("redis"), "labels"));
    }

    [Fact]
    public async Task Entrypoint_and_command_come_from_the_model_with_dollars_escaped()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithRedisCelery(dataVolume: true);

        var compose = await test.PublishAsync();

        var redis = compose.Service("redis");
        Assert.Equal(["/bin/sh"], List(redis, "entrypoint"));
        var command = List(redis, "command");
        Assert.Equal("-c", command[0]);
        Assert.Contains("--requirepass $$REDIS_PASSWORD", command[1]); // the container's shell expands it, not compose
        Assert.Equal(["celery", "worker"], List(compose.Service("airflow-worker"), "command"));
        Assert.Equal(["scheduler"], List(compose.Service("airflow-scheduler"), "command"));
        Assert.False(Has(compose.Service("airflow-scheduler"), "entrypoint"));
        Assert.False(Has(compose.Service("postgres"), "command"));
    }

    [Fact]
    public async Task Environment_is_a_mapping_of_strings_with_in_network_addresses_and_secrets_from_the_env_file()
    {
        await using var test = ComposeTestApp.Create(temp.Path, "Parameters:greeting=hi $USER");
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithRedisCelery(dataVolume: true);
        var greeting = test.Builder.AddParameter("greeting");
        test.Builder.AddContainer("tool", "busybox", "1.36")
            .WithEnvironment("PRICE", "costs $5 or ${HOME}")
            .WithEnvironment("GREETING", greeting);

        var compose = await test.PublishAsync();

        var scheduler = compose.Service("airflow-scheduler");
        var env = EnvironmentOf(scheduler);
        Assert.Equal("http://airflow-api-server:8080/execution/", env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"]);
        Assert.Equal("postgres:5432/airflow", env["AIRFLOWASPIRE_DATABASE_ADDRESS"]);
        Assert.Equal("${POSTGRES_PASSWORD}", env["AIRFLOWASPIRE_DATABASE_PASSWORD"]);
        Assert.StartsWith("python -c", env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD"]);
        Assert.Equal("redis:6379/0", env["AIRFLOWASPIRE_BROKER_ADDRESS"]);
        Assert.Equal("${REDIS_PASSWORD}", env["AIRFLOWASPIRE_BROKER_PASSWORD"]);
        Assert.Equal("${AIRFLOW_JWT_SECRET}", env["AIRFLOW__API_AUTH__JWT_SECRET"]);
        Assert.Equal("${AIRFLOW_FERNET_KEY_SEED}", env["AIRFLOWASPIRE_FERNET_KEY_SEED"]);
        Assert.Equal("${POSTGRES_PASSWORD}", EnvironmentOf(compose.Service("postgres"))["POSTGRES_PASSWORD"]);
        Assert.Equal("costs $$5 or $${HOME}", EnvironmentOf(compose.Service("tool"))["PRICE"]);
        Assert.Equal("hi $$USER", EnvironmentOf(compose.Service("tool"))["GREETING"]); // a plain parameter is its value

        // "true", "false" and "8793" must stay strings for a YAML 1.1 reader such as compose v1.
        Assert.Equal("false", env["AIRFLOW__CORE__LOAD_EXAMPLES"]);
        Assert.All(Mapping(scheduler, "environment").Children.Values.Cast<YamlScalarNode>(),
            value => Assert.True(ReadsAsString(value), $"'{value.Value}' would not be read as a string."));
    }

    [Fact]
    public async Task Long_running_services_always_restart_and_the_run_once_init_never_does()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithRedisCelery(dataVolume: true);

        var compose = await test.PublishAsync();

        foreach (var name in compose.ServiceNames.Where(n => n != "airflow-init"))
        {
            Assert.Equal("always", Value(compose.Service(name), "restart"));
        }

        var restart = Scalar(compose.Service("airflow-init"), "restart");
        Assert.Equal("no", restart.Value);
        Assert.NotEqual(ScalarStyle.Plain, restart.Style); // a plain no is the boolean false in YAML 1.1
    }

    [Fact]
    public async Task Named_volumes_are_declared_at_the_top_level_and_left_to_compose_to_scope_to_its_project()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithRedisCelery(dataVolume: true);

        var compose = await test.PublishAsync();

        var postgresVolume = Assert.Single(List(compose.Service("postgres"), "volumes"));
        var redisVolume = Assert.Single(List(compose.Service("redis"), "volumes"));
        Assert.EndsWith("-postgres-data:/var/lib/postgresql", postgresVolume);
        Assert.EndsWith("-redis-data:/data", redisVolume);
        var names = new[] { postgresVolume, redisVolume }.Select(v => v.Split(':')[0]).Order(StringComparer.Ordinal).ToList();
        var volumes = Mapping(compose.Root, "volumes");
        Assert.Equal(names, volumes.Children.Keys.Select(k => k.ToString()));
        Assert.Empty(Mapping(volumes, names[0]).Children); // no name: compose prefixes its project, so a local run's volume is never shared
    }

    [Fact]
    public async Task The_dag_folder_is_a_read_only_bind_mount_relative_to_the_compose_file()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        Directory.CreateDirectory(temp.Combine("dags"));
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithDags("dags");

        var compose = await test.PublishAsync();

        // The compose file is in {AppHost}/out/compose, the DAGs in {AppHost}/dags.
        Assert.Contains("../../dags:/opt/airflow/dags:ro", List(compose.Service("airflow-scheduler"), "volumes"));
        Assert.Single(Mapping(compose.Root, "volumes").Children); // a bind mount is no named volume
    }

    [Fact]
    public async Task Workers_get_their_replicas_and_no_fixed_host_name()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithRabbitCelery(dataVolume: true).WithWorkers(3);

        var compose = await test.PublishAsync();

        var worker = compose.Service("airflow-worker");
        Assert.Equal("3", Value(Mapping(worker, "deploy"), "replicas"));
        Assert.False(Has(worker, "hostname"));
        Assert.False(Has(compose.Service("airflow-scheduler"), "deploy"));
        Assert.Equal("rabbitmq", Value(compose.Service("rabbitmq"), "hostname")); // RabbitMQ names its node and data after it
    }
}
