namespace AirflowAspire.Hosting.Airflow;

/// <summary>The configuration every component of one Airflow deployment shares, for its version and executor.</summary>
internal static class AirflowEnvironment
{
    private const string FabAuthManager = "airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager";

    /// <summary>
    /// Airflow 2's REST API takes the admin's name and password (basic auth) besides the UI's session, as the official
    /// docker-compose.yaml of Airflow 2 sets it; by default (session only) a client outside the browser gets 401.
    /// The FAB provider's modules (installed with Airflow 2.10 and 2.11), the session one included, which
    /// <c>AirflowConfigParser._upgrade_auth_backends</c> (airflow/configuration.py) would otherwise append.
    /// </summary>
    private const string Airflow2RestAuthBackends =
        "airflow.providers.fab.auth_manager.api.auth.backend.basic_auth,airflow.providers.fab.auth_manager.api.auth.backend.session";

    /// <summary>Sets every <c>AIRFLOW__</c> variable one component gets; each option is checked against the version's list.</summary>
    public static void Apply(AirflowResource airflow, AirflowRole role, IDictionary<string, object> env)
    {
        var secrets = airflow.Secrets;
        Set(env, airflow, "core", "executor", ExecutorClass(airflow.Executor));
        SetMetadataDatabase(env, airflow, "database", "sql_alchemy_conn", DatabaseUrl);
        env[AirflowFernetKey.CommandVariable] = AirflowFernetKey.Command;
        env[AirflowFernetKey.SeedVariable] = secrets.FernetKeySeed;
        Set(env, airflow, "core", "dags_are_paused_at_creation", "true");
        Set(env, airflow, "core", "load_examples", "false");
        Set(env, airflow, "scheduler", "enable_health_check", "true");
        Set(env, airflow, "logging", "worker_log_server_port", $"{AirflowComponents.WorkerLogServerPort}");

        if (airflow.Version.IsAirflow3)
        {
            Set(env, airflow, "core", "auth_manager", FabAuthManager);
            Set(env, airflow, "core", "execution_api_server_url",
                ReferenceExpression.Create($"{airflow.WebEndpoint.Property(EndpointProperty.Url)}/execution/"));
            Set(env, airflow, "api_auth", "jwt_secret", secrets.JwtSecret);
            Set(env, airflow, "api", "secret_key", secrets.SecretKey);
        }
        else
        {
            Set(env, airflow, "webserver", "secret_key", secrets.SecretKey);
            Set(env, airflow, "api", "auth_backends", Airflow2RestAuthBackends);
        }

        if (airflow.Executor == AirflowExecutor.Celery && airflow.Broker is { } broker)
        {
            SetBroker(env, airflow, broker);
            SetMetadataDatabase(env, airflow, "celery", "result_backend", ResultBackendUrl);
        }

        if (airflow.KubernetesExecutor is { } kubernetes)
        {
            Set(env, airflow, "kubernetes_executor", "namespace", kubernetes.Namespace);
            Set(env, airflow, "kubernetes_executor", "pod_template_file", KubernetesExecutorOptions.PodTemplateMountPath);

            // Task pods run this image whatever the pod template says, so a new image reaches them too.
            Set(env, airflow, "kubernetes_executor", "worker_container_repository", airflow.Image.Repository);
            Set(env, airflow, "kubernetes_executor", "worker_container_tag", airflow.Image.Tag);
        }

        if (!airflow.Version.IsAirflow3 && airflow.HasStandaloneDagProcessor)
        {
            Set(env, airflow, "scheduler", "standalone_dag_processor", "true");
        }

        foreach (var entry in airflow.ConfigOverrides)
        {
            env[entry.EnvironmentVariable] = entry.Value;
        }

        foreach (var connection in airflow.Connections)
        {
            env[connection.EnvironmentVariable] = connection.ToJson();
        }

        foreach (var variable in airflow.Variables)
        {
            env[variable.EnvironmentVariable] = variable.Value;
        }

        AddRoleEnvironment(airflow, role, env);
    }

    public static readonly AirflowSecretUrl DatabaseUrl = new("postgresql+psycopg2", "AIRFLOWASPIRE_DATABASE");

    public static readonly AirflowSecretUrl ResultBackendUrl = new("db+postgresql", "AIRFLOWASPIRE_RESULT_BACKEND");

    /// <summary>
    /// The metadata database as a SQLAlchemy URL. The model's Postgres is given in parts (see <see cref="AirflowSecretUrl"/>);
    /// a database outside the model is its connection string, a URL its owner wrote.
    /// </summary>
    private static void SetMetadataDatabase(IDictionary<string, object> env, AirflowResource airflow, string section, string option, AirflowSecretUrl url)
    {
        AirflowConfigCatalog.ThrowIfUnknown(section, option, airflow.Version, airflow.Name);
        var variable = $"AIRFLOW__{section.ToUpperInvariant()}__{option.ToUpperInvariant()}";
        if (airflow.ExternalDatabase is { } external)
        {
            env[variable] = url.Scheme.StartsWith("db+", StringComparison.Ordinal)
                ? ReferenceExpression.Create($"db+{external.ConnectionStringExpression}")
                : external.ConnectionStringExpression;
            return;
        }

        var database = airflow.Database!;
        var server = database.Parent;
        var endpoint = ResourceReplacementAnnotation.EndpointOf(server) ?? server.PrimaryEndpoint;
        url.Apply(env, variable,
            user: (object?)server.UserNameParameter ?? "postgres",
            password: server.PasswordParameter,
            address: ReferenceExpression.Create(
                $"{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}/{database.DatabaseName}"));
    }

    /// <summary>The Celery broker in kombu's form: database 0 of Redis, the default vhost of RabbitMQ.</summary>
    private static void SetBroker(IDictionary<string, object> env, AirflowResource airflow, IResourceWithConnectionString broker)
    {
        AirflowConfigCatalog.ThrowIfUnknown("celery", "broker_url", airflow.Version, airflow.Name);
        const string variable = "AIRFLOW__CELERY__BROKER_URL";
        switch (broker)
        {
            case RedisResource redis:
                var redisEndpoint = ResourceReplacementAnnotation.EndpointOf(redis) ?? redis.PrimaryEndpoint;
                new AirflowSecretUrl("redis", "AIRFLOWASPIRE_BROKER").Apply(env, variable,
                    user: "",
                    password: (object?)redis.PasswordParameter ?? "",
                    address: ReferenceExpression.Create(
                        $"{redisEndpoint.Property(EndpointProperty.Host)}:{redisEndpoint.Property(EndpointProperty.Port)}/0"));
                break;
            case RabbitMQServerResource rabbit:
                var endpoint = ResourceReplacementAnnotation.EndpointOf(rabbit) ?? rabbit.PrimaryEndpoint;
                new AirflowSecretUrl("amqp", "AIRFLOWASPIRE_BROKER").Apply(env, variable,
                    user: (object?)rabbit.UserNameParameter ?? "guest",
                    password: rabbit.PasswordParameter,
                    address: ReferenceExpression.Create(
                        $"{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}//"));
                break;
            default:
                throw new DistributedApplicationException($"Airflow '{airflow.Name}': '{broker.Name}' cannot be a Celery broker; use a Redis or RabbitMQ resource.");
        }
    }

    private static void AddRoleEnvironment(AirflowResource airflow, AirflowRole role, IDictionary<string, object> env)
    {
        switch (role)
        {
            case AirflowRole.Init:
                // The official image's entrypoint migrates the database; the init's command creates the user (AirflowAdminUser).
                env["_AIRFLOW_DB_MIGRATE"] = "true";
                env[AirflowAdminUser.UserNameVariable] = airflow.AdminUserName;
                env[AirflowAdminUser.PasswordVariable] = airflow.Secrets.AdminPassword;
                AirflowPools.Apply(airflow, env);
                break;
            case AirflowRole.Worker:
                // Lets Celery finish running tasks on SIGTERM (warm shutdown) instead of dumb-init killing the group.
                env["DUMB_INIT_SETSID"] = "0";
                break;
        }
    }

    private static string ExecutorClass(AirflowExecutor executor) => executor switch
    {
        AirflowExecutor.Local => "LocalExecutor",
        AirflowExecutor.Celery => "CeleryExecutor",
        AirflowExecutor.Kubernetes => "KubernetesExecutor",
        _ => throw new ArgumentOutOfRangeException(nameof(executor)),
    };

    private static void Set(IDictionary<string, object> env, AirflowResource airflow, string section, string option, object value)
    {
        AirflowConfigCatalog.ThrowIfUnknown(section, option, airflow.Version, airflow.Name);
        env[$"AIRFLOW__{section.ToUpperInvariant()}__{option.ToUpperInvariant()}"] = value;
    }
}
