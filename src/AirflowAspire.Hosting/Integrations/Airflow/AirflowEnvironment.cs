using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.RabbitMQ;
using AirflowAspire.Hosting.Integrations.Redis;

namespace AirflowAspire.Hosting.Integrations.Airflow;

/// <summary>The configuration every component of one Airflow deployment shares, for its version and executor.</summary>
internal static class AirflowEnvironment
{
    private const string FabAuthManager = "airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager";

    public static void Apply(AirflowResource airflow, AirflowSecrets secrets, IDictionary<string, ReferenceExpression> env)
    {
        var databaseUrl = MetadataDatabaseUrl(airflow);
        Set(env, airflow, "core", "executor", ExecutorClass(airflow.Executor));
        Set(env, airflow, "database", "sql_alchemy_conn", databaseUrl);
        env[AirflowFernetKey.CommandVariable] = AirflowFernetKey.Command;
        env[AirflowFernetKey.SeedVariable] = ReferenceExpression.Of(secrets.FernetKeySeed);
        Set(env, airflow, "core", "dags_are_paused_at_creation", "true");
        Set(env, airflow, "core", "load_examples", "false");
        Set(env, airflow, "scheduler", "enable_health_check", "true");
        Set(env, airflow, "logging", "worker_log_server_port", $"{AirflowComponents.WorkerLogServerPort}");

        if (airflow.Version.IsAirflow3)
        {
            var api = new EndpointReference(airflow.WebComponent, "http");
            Set(env, airflow, "core", "auth_manager", FabAuthManager);
            Set(env, airflow, "core", "execution_api_server_url", ReferenceExpression.Create($"{api.Url}/execution/"));
            Set(env, airflow, "api_auth", "jwt_secret", ReferenceExpression.Of(secrets.JwtSecret!));
            Set(env, airflow, "api", "secret_key", ReferenceExpression.Of(secrets.SecretKey));
        }
        else
        {
            Set(env, airflow, "webserver", "secret_key", ReferenceExpression.Of(secrets.SecretKey));
        }

        if (airflow.Executor == AirflowExecutor.Celery)
        {
            Set(env, airflow, "celery", "broker_url", BrokerUrl(airflow.Broker!));
            Set(env, airflow, "celery", "result_backend", airflow.ExternalDatabase is null
                ? ReferenceExpression.Create($"db+{MetadataDatabaseUrl(airflow, driver: "postgresql")}")
                : ReferenceExpression.Create($"db+{databaseUrl}"));
        }

        if (airflow.KubernetesExecutor is { } kubernetes)
        {
            Set(env, airflow, "kubernetes_executor", "namespace", kubernetes.Namespace);
            Set(env, airflow, "kubernetes_executor", "pod_template_file", KubernetesExecutorOptions.PodTemplateMountPath);

            // Task pods run this image whatever the pod template says, so a new image reaches them too.
            var image = airflow.Image;
            Set(env, airflow, "kubernetes_executor", "worker_container_repository", image.Registry is null ? image.Image : $"{image.Registry}/{image.Image}");
            Set(env, airflow, "kubernetes_executor", "worker_container_tag", image.Tag);
        }

        foreach (var entry in airflow.ConfigOverrides)
        {
            env[entry.EnvironmentVariable] = entry.Value;
        }
    }

    /// <summary>The SQLAlchemy URL of the metadata database: the model's Postgres, or the external connection string.</summary>
    public static ReferenceExpression MetadataDatabaseUrl(AirflowResource airflow, string driver = "postgresql+psycopg2")
    {
        if (airflow.ExternalDatabase is { } external)
        {
            return ReferenceExpression.Of(external);
        }

        var database = airflow.Database!;
        var server = database.Server;
        var endpoint = server.PrimaryEndpoint;
        return ReferenceExpression.Create(
            $"{driver}://{server.UserName}:{server.PasswordParameter}@{endpoint.Host}:{endpoint.Port}/{database.DatabaseName}");
    }

    /// <summary>The Celery broker URL in kombu's form: database 0 of Redis, the default vhost of RabbitMQ.</summary>
    public static ReferenceExpression BrokerUrl(IResourceWithConnectionString broker) => broker switch
    {
        RedisResource redis => ReferenceExpression.Create(
            $"redis://:{redis.PasswordParameter}@{redis.PrimaryEndpoint.Host}:{redis.PrimaryEndpoint.Port}/0"),
        RabbitMQServerResource rabbit => ReferenceExpression.Create(
            $"amqp://{rabbit.UserName}:{rabbit.PasswordParameter}@{rabbit.PrimaryEndpoint.Host}:{rabbit.PrimaryEndpoint.Port}//"),
        _ => throw new DistributedApplicationException($"'{broker.Name}' cannot be a Celery broker; use a Redis or RabbitMQ resource."),
    };

    private static string ExecutorClass(AirflowExecutor executor) => executor switch
    {
        AirflowExecutor.Local => "LocalExecutor",
        AirflowExecutor.Celery => "CeleryExecutor",
        AirflowExecutor.Kubernetes => "KubernetesExecutor",
        _ => throw new ArgumentOutOfRangeException(nameof(executor)),
    };

    private static void Set(IDictionary<string, ReferenceExpression> env, AirflowResource airflow, string section, string option, ReferenceExpression value)
    {
        AirflowConfigCatalog.ThrowIfUnknown(section, option, airflow.Version, airflow.Name);
        env[$"AIRFLOW__{section.ToUpperInvariant()}__{option.ToUpperInvariant()}"] = value;
    }
}
