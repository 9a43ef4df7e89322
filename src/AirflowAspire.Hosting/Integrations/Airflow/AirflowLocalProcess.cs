using System.Globalization;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting.Orchestration.Processes;

namespace AirflowAspire.Hosting.Integrations.Airflow;

/// <summary>
/// Runs a component with the <c>airflow</c> on PATH when there is no container runtime: the component's
/// command, AIRFLOW_HOME in its state folder, the DAG folder read in place, and each web server on
/// 127.0.0.1 and its host port. The init component migrates the database and creates the admin user, as
/// the image's entrypoint does.
/// </summary>
internal static class AirflowLocalProcess
{
    private const string DagsMountTarget = "/opt/airflow/dags";
    private const string CeleryApp = "airflow.providers.celery.executors.celery_executor.app";
    private const string LegacyCeleryApp = "airflow.executors.celery_executor.app";

    /// <summary>Read by the image's entrypoint only; here the init component's setup does that work.</summary>
    private static readonly string[] ContainerOnlyVariables =
    [
        "_AIRFLOW_DB_MIGRATE", "_AIRFLOW_WWW_USER_CREATE", "_AIRFLOW_WWW_USER_USERNAME", "_AIRFLOW_WWW_USER_PASSWORD", "DUMB_INIT_SETSID",
    ];

    public static LocalProcessAnnotation For(AirflowResource airflow, AirflowComponentSpec component) =>
        new(context => CreatePlan(airflow, component, context), Executable(airflow));

    private static RequiredExecutable Executable(AirflowResource airflow) => new(
        "airflow",
        "Airflow",
        $"Install Apache Airflow {airflow.Version} so that 'airflow' is on PATH " +
        $"(pip install \"apache-airflow[celery,postgres]=={airflow.Version}\", in a virtual environment whose bin folder is on PATH), " +
        "or install docker or podman.");

    private static LocalProcessPlan CreatePlan(AirflowResource airflow, AirflowComponentSpec component, LocalProcessContext context)
    {
        var airflowExecutable = context.FindExecutable("airflow") ?? throw new WorkloadStartException(
            Executable(airflow).MissingMessage(context.Spec.InstanceName), runtimeUnavailable: true);
        var port = component.HttpPort is null ? (int?)null : context.HostPort("http");
        var environment = Environment(component.Role, port, context);

        return new LocalProcessPlan
        {
            Process = new LocalProcessCommand(airflowExecutable, [.. component.Args, .. ListenArgs(component.Role, port, context)])
            {
                Environment = environment,
            },
            Setup = component.Role == AirflowRole.Init ? Initialization(airflowExecutable, environment, context) : [],
            HealthChecks = component.HealthCheck is { } check ? [HealthCheck(component.Role, check, airflowExecutable, context)] : [],
        };
    }

    private static Dictionary<string, string> Environment(AirflowRole role, int? port, LocalProcessContext context)
    {
        var environment = context.Spec.Environment
            .Where(e => !ContainerOnlyVariables.Contains(e.Key))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        environment["AIRFLOW_HOME"] = context.StateFolder;
        if (context.Spec.Mounts.FirstOrDefault(m => m.Target == DagsMountTarget) is { } dags)
        {
            environment["AIRFLOW__CORE__DAGS_FOLDER"] = dags.Source;
        }

        if (context.Spec.Mounts.FirstOrDefault(m => m.Target == KubernetesExecutorOptions.PodTemplateMountPath) is { } template)
        {
            environment["AIRFLOW__KUBERNETES_EXECUTOR__POD_TEMPLATE_FILE"] = template.Source;
        }

        var hostPort = port?.ToString(CultureInfo.InvariantCulture);
        switch (role)
        {
            case AirflowRole.Scheduler:
                environment["AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_HOST"] = "127.0.0.1";
                environment["AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_PORT"] = hostPort!;
                break;
            case AirflowRole.Worker:
                environment["AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT"] = hostPort!;
                break;
        }

        return environment;
    }

    private static IEnumerable<string> ListenArgs(AirflowRole role, int? port, LocalProcessContext context) => role switch
    {
        AirflowRole.ApiServer => ["--host", "127.0.0.1", "--port", $"{port}"],
        AirflowRole.Webserver or AirflowRole.Flower => ["--hostname", "127.0.0.1", "--port", $"{port}"],
        // Replicas share the machine's host name; each Celery worker needs a node name of its own.
        AirflowRole.Worker => ["--celery-hostname", context.Spec.InstanceName],
        _ => [],
    };

    private static IReadOnlyList<LocalProcessCommand> Initialization(
        string airflow, Dictionary<string, string> environment, LocalProcessContext context)
    {
        var steps = new List<LocalProcessCommand> { new(airflow, ["db", "migrate"]) { Environment = environment } };
        if (context.Spec.Environment.GetValueOrDefault("_AIRFLOW_WWW_USER_CREATE") == "true")
        {
            var password = context.RequiredEnvironment("_AIRFLOW_WWW_USER_PASSWORD");
            // Without --password, the command asks twice; with no terminal (the process has its own session) it reads stdin.
            steps.Add(new LocalProcessCommand(airflow,
            [
                "users", "create", "--username", context.RequiredEnvironment("_AIRFLOW_WWW_USER_USERNAME"),
                "--firstname", "Airflow", "--lastname", "Admin", "--email", "admin@example.com", "--role", "Admin",
            ])
            {
                Environment = environment,
                StandardInput = $"{password}\n{password}\n",
            });
        }

        return steps;
    }

    /// <summary>
    /// HTTP checks work as they are (the orchestrator checks the host port); the command checks of the
    /// image look for the container's host name, which a process does not have.
    /// </summary>
    private static HealthCheckAnnotation HealthCheck(AirflowRole role, HealthCheckAnnotation check, string airflow, LocalProcessContext context)
    {
        var celery = Path.Combine(Path.GetDirectoryName(airflow)!, "celery");
        var node = $"celery@{context.Spec.InstanceName}";
        return role switch
        {
            AirflowRole.DagProcessor => JobCheck(check, airflow, "DagProcessorJob"),
            AirflowRole.Triggerer => JobCheck(check, airflow, "TriggererJob"),
            AirflowRole.Worker => new CommandHealthCheckAnnotation(
                [$"'{celery}' --app {CeleryApp} inspect ping -d {node} || '{celery}' --app {LegacyCeleryApp} inspect ping -d {node}"],
                UseShell: true) { Interval = check.Interval, Timeout = check.Timeout, Retries = check.Retries, StartPeriod = check.StartPeriod },
            _ => check,
        };
    }

    private static CommandHealthCheckAnnotation JobCheck(HealthCheckAnnotation check, string airflow, string jobType) =>
        new([airflow, "jobs", "check", "--job-type", jobType, "--local"])
        {
            Interval = check.Interval,
            Timeout = check.Timeout,
            Retries = check.Retries,
            StartPeriod = check.StartPeriod,
        };
}
