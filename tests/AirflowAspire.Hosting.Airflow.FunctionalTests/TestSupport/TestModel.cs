using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>
/// An Aspire app model for a test, run by Aspire's orchestrator (DCP) on the machine's Docker engine, with the
/// locally built test images (tests/images) in place of the official ones, which cannot be pulled here.
/// </summary>
internal static class TestModel
{
    public const string PostgresImage = "airflowaspire-test/postgres";
    public const string PostgresTag = "15";
    public const string RedisImage = "airflowaspire-test/redis";
    public const string RedisTag = "7.0";
    public const string RabbitMQImage = "airflowaspire-test/rabbitmq";
    public const string RabbitMQTag = "3.10";

    /// <summary>
    /// tests/images/aspire-tunnel-base: a STAND-IN (Debian) under the name of the base image of Aspire's container network
    /// tunnel, which containers need to reach a host endpoint such as the dashboard's, and which cannot be pulled here.
    /// </summary>
    public const string TunnelBaseImage = "mcr.microsoft.com/azurelinux/base/core:3.0";

    /// <summary>How long one wait for a resource may take: a first container takes ~20 s on this 2-core machine.</summary>
    public static readonly TimeSpan ResourceTimeout = TimeSpan.FromMinutes(3);

    /// <summary>How long DCP may take to remove containers and networks after the app stops (~25 s seen).</summary>
    public static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(90);

    public static IDistributedApplicationTestingBuilder Create(ITestOutputHelper output, params string[] args) =>
        Create(output, args, dashboard: false, dashboardTitle: null);

    /// <summary>A model whose AppHost folder (where the dashboard's backups go) is <paramref name="appHostDirectory"/>.</summary>
    public static IDistributedApplicationTestingBuilder CreateIn(ITestOutputHelper output, string appHostDirectory, params string[] args) =>
        Create(output, args, dashboard: false, dashboardTitle: null, appHostDirectory);

    /// <summary>
    /// The smallest Airflow model on real containers: Postgres (test image) with <c>airflow-db</c>, and Airflow with the
    /// LocalExecutor on the STAND-IN image (tests/images/airflow-standin; not Airflow). Skips where the stand-in is missing.
    /// </summary>
    public static (IDistributedApplicationTestingBuilder Builder, IResourceBuilder<AirflowResource> Airflow) CreateWithStandInAirflow(
        ITestOutputHelper output, string name = "airflow")
    {
        DockerEngine.SkipOrFailIfImageMissing(AirflowStandIn.Reference);
        var builder = Create(output);
        var database = builder.AddPostgres("postgres").WithTestImage().AddDatabase("airflow-db", databaseName: "airflow");
        return (builder, builder.AddAirflow(name).WithImage(AirflowStandIn.Image, AirflowStandIn.Tag).WithDatabase(database));
    }

    /// <summary>
    /// A model whose app runs Aspire's dashboard too, with the test dashboard's ports and keys; the dashboard's
    /// header shows <paramref name="dashboardTitle"/> when given, else the test assembly's name.
    /// </summary>
    public static IDistributedApplicationTestingBuilder CreateWithDashboard(ITestOutputHelper output, TestDashboard dashboard, string? dashboardTitle = null) =>
        Create(output, dashboard.Arguments, dashboard: true, dashboardTitle);

    /// <summary>The real AppHost's model (its Program.cs), run by the test with the test's logging.</summary>
    public static async Task<IDistributedApplicationTestingBuilder> CreateFromAppHostAsync<TAppHost>(ITestOutputHelper output)
        where TAppHost : class
    {
        DockerEngine.SkipOrFailIfMissing();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<TAppHost>([], (options, _) => options.DisableDashboard = true)
            .WaitAsync(TimeSpan.FromMinutes(1));
        return WithTestLogging(builder, output);
    }

    private static IDistributedApplicationTestingBuilder Create(
        ITestOutputHelper output, string[] args, bool dashboard, string? dashboardTitle, string? appHostDirectory = null)
    {
        DockerEngine.SkipOrFailIfMissing();
        // The testing builder finds DCP through the 'dcpclipath' metadata Aspire.Hosting.AppHost's build adds to
        // the test assembly (the csproj references that package for it).
        var builder = DistributedApplicationTestingBuilder.Create(args, (options, _) =>
        {
            options.DisableDashboard = !dashboard;
            options.DashboardApplicationName = dashboardTitle ?? options.DashboardApplicationName;
            options.ProjectDirectory = appHostDirectory ?? options.ProjectDirectory;
        });
        return WithTestLogging(builder, output);
    }

    private static IDistributedApplicationTestingBuilder WithTestLogging(IDistributedApplicationTestingBuilder builder, ITestOutputHelper output)
    {
        var logs = new ResourceLogs();
        builder.Services.AddSingleton(logs);
        builder.Services.AddLogging(logging =>
        {
            // The test's output instead of the console, where xunit would interleave every test's lines.
            logging.ClearProviders();
            logging.AddProvider(new TestOutputLoggerProvider(output));
            logging.AddProvider(logs);
            logging.AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning);
            logging.AddFilter("Microsoft", LogLevel.Warning);
        });
        return builder;
    }

    public static IResourceBuilder<PostgresServerResource> WithTestImage(this IResourceBuilder<PostgresServerResource> postgres)
    {
        DockerEngine.SkipOrFailIfImageMissing($"{PostgresImage}:{PostgresTag}");
        return postgres.WithImage(PostgresImage, PostgresTag).WithImageRegistry(null);
    }

    public static IResourceBuilder<RedisResource> WithTestImage(this IResourceBuilder<RedisResource> redis)
    {
        DockerEngine.SkipOrFailIfImageMissing($"{RedisImage}:{RedisTag}");
        return redis.WithImage(RedisImage, RedisTag).WithImageRegistry(null);
    }

    public static IResourceBuilder<RabbitMQServerResource> WithTestImage(this IResourceBuilder<RabbitMQServerResource> rabbitmq)
    {
        DockerEngine.SkipOrFailIfImageMissing($"{RabbitMQImage}:{RabbitMQTag}");
        return rabbitmq.WithImage(RabbitMQImage, RabbitMQTag).WithImageRegistry(null);
    }
}
