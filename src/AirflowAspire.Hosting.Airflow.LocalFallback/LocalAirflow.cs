using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>
/// Turns an Airflow component container into a process of the machine's <c>airflow</c>: the same arguments,
/// environment, waits and health check, with what only made sense in a container made local. All components of
/// one Airflow share one <c>AIRFLOW_HOME</c> (config, logs); the DAG folder is WithDags's folder itself; each
/// web, health and log server gets a free port of its own, so several workers can run side by side, and the API
/// server (or webserver), Flower and the scheduler's health server listen on loopback only.
/// </summary>
internal static class LocalAirflow
{
    private const string Loopback = "127.0.0.1";

    /// <summary>
    /// What the official image's entrypoint does before the init's command, as the init relies on it: the migration,
    /// then <c>bash</c> for a command that starts with it (the admin user's script, <see cref="AirflowAdminUser"/>),
    /// else <c>airflow</c>.
    /// </summary>
    private const string EntrypointScript =
        """
        set -e
        if [ "${_AIRFLOW_DB_MIGRATE:-}" = "true" ]; then
          "$0" db migrate
        fi
        if [ "${1:-}" = "bash" ]; then
          shift
          exec bash "$@"
        fi
        exec "$0" "$@"
        """;

    public static LocalServer Create(AirflowComponentResource component, LocalAirflowInstallation airflow, string home)
    {
        var parent = component.Parent;
        var spec = AirflowComponents.Get(component.Role);
        var isInit = component.Role == AirflowRole.Init;
        Directory.CreateDirectory(home);
        // getpass asks the controlling terminal before standard input, so the init, which pipes the admin password
        // into `users create`, runs in a new session without a terminal (setsid, where the machine has it).
        var detach = isInit ? LocalProcesses.FindOnPath("setsid") : null;
        var program = isInit ? detach ?? "/bin/sh" : airflow.Executable;
        var local = new LocalAirflowComponentResource(component.Name, program, home, component.Role, parent);

        if (isInit)
        {
            local.Annotations.Add(detach is null
                ? Args("-c", EntrypointScript, airflow.Executable)
                : Args("-w", "/bin/sh", "-c", EntrypointScript, airflow.Executable));
        }

        // What the component got from its Airflow settings and from WithComponent: arguments, environment, waits.
        foreach (var annotation in component.Annotations.Where(a => a is CommandLineArgsCallbackAnnotation or EnvironmentCallbackAnnotation
                     or WaitAnnotation or ResourceRelationshipAnnotation or ResourceIconAnnotation))
        {
            local.Annotations.Add(annotation);
        }

        if (component.Role == AirflowRole.Worker)
        {
            // Workers on one machine need node names of their own; its ping check asks for this one (see LocalCommandHealthCheck).
            local.Annotations.Add(Args("--celery-hostname", $"celery@{component.Name}"));
        }

        var ports = LocalPorts(parent, component.Role);
        local.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
        {
            MakeLocal(parent, airflow, home, ports, context.EnvironmentVariables);
            return Task.CompletedTask;
        }));

        var port = ports.Endpoint;
        if (port is not null)
        {
            local.Annotations.Add(new EndpointAnnotation(
                ProtocolType.Tcp, uriScheme: "http", name: AirflowComponentResource.HttpEndpointName, port: port, targetPort: port, isProxied: false));
        }

        local.Annotations.Add(new ResourceSnapshotAnnotation(new CustomResourceSnapshot
        {
            ResourceType = "Executable",
            Properties = [new("airflowaspire.stands-in-for", "container (no container runtime)")],
        }));

        var key = $"{component.Name}_local_check";
        HealthCheckRegistration? registration = spec.HealthCheck switch
        {
            AirflowHealthCheck.Http http => new(key, _ => new LocalHttpHealthCheck(new Uri($"http://localhost:{port}{http.Path}")), HealthStatus.Unhealthy, null,
                AirflowHealthChecks.CommandTimeout),
            AirflowHealthCheck.Command command => new(key, services => new LocalCommandHealthCheck(local, command.ShellCommand, airflow, services),
                HealthStatus.Unhealthy, null, AirflowHealthChecks.CommandTimeout + TimeSpan.FromSeconds(5)),
            _ => null,
        };
        if (registration is not null)
        {
            local.Annotations.Add(new HealthCheckAnnotation(key));
        }

        return new LocalServer(local, registration);
    }

    /// <summary>
    /// The ports a component's servers listen on. Airflow starts a log server in more components than the worker
    /// (the scheduler with the LocalExecutor, the triggerer), so every component gets free ports of its own.
    /// </summary>
    private static ComponentPorts LocalPorts(AirflowResource airflow, AirflowRole role)
    {
        var endpoint = role switch
        {
            AirflowRole.ApiServer or AirflowRole.Webserver => airflow.ApiServerPort ?? LocalProcesses.FreePort(),
            AirflowRole.Scheduler or AirflowRole.Flower or AirflowRole.Worker => LocalProcesses.FreePort(),
            _ => (int?)null,
        };
        var logServer = role == AirflowRole.Worker ? endpoint!.Value : LocalProcesses.FreePort();
        List<(string, string, string)> options = [("logging", "worker_log_server_port", $"{logServer}")];
        // The servers Airflow lets choose their host listen on loopback, as the local Postgres, Redis and RabbitMQ
        // do; each command reads its host option as its flag's default (airflow-core/src/airflow/cli/cli_config.py
        // ARG_API_SERVER_HOSTNAME, 2.11's ARG_HOSTNAME; the Celery provider's cli/definition.py ARG_FLOWER_HOSTNAME).
        // The log servers have no such option (utils/serve_logs/core.py listens on every interface).
        switch (role)
        {
            case AirflowRole.ApiServer:
                options.Add(("api", "port", $"{endpoint!.Value}"));
                options.Add(("api", "host", Loopback));
                break;
            case AirflowRole.Webserver:
                options.Add(("webserver", "web_server_port", $"{endpoint!.Value}"));
                options.Add(("webserver", "web_server_host", Loopback));
                break;
            case AirflowRole.Scheduler:
                options.Add(("scheduler", "scheduler_health_check_server_port", $"{endpoint!.Value}"));
                options.Add(("scheduler", "scheduler_health_check_server_host", Loopback));
                break;
            case AirflowRole.Flower:
                options.Add(("celery", "flower_port", $"{endpoint!.Value}"));
                options.Add(("celery", "flower_host", Loopback));
                break;
            case AirflowRole.Triggerer:
                options.Add(("logging", "trigger_log_server_port", $"{LocalProcesses.FreePort()}"));
                break;
        }

        return new(endpoint, options);
    }

    private static void MakeLocal(AirflowResource airflow, LocalAirflowInstallation installation, string home, ComponentPorts ports, IDictionary<string, object> env)
    {
        void Set(string section, string option, object value)
        {
            AirflowConfigCatalog.ThrowIfUnknown(section, option, airflow.Version, airflow.Name);
            env[$"AIRFLOW__{section.ToUpperInvariant()}__{option.ToUpperInvariant()}"] = value;
        }

        env["AIRFLOW_HOME"] = home;
        env["PATH"] = $"{installation.BinDirectory}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}";
        foreach (var (section, option, value) in ports.Options)
        {
            Set(section, option, value);
        }

        if (airflow.DagsPath is { } dags)
        {
            Set("core", "dags_folder", dags);
        }

        if (airflow.KubernetesExecutor?.PodTemplateFile is { } template)
        {
            Set("kubernetes_executor", "pod_template_file", template);
        }

        // The _CMD options run `python -c ...`: the interpreter of this Airflow, not whichever python PATH finds.
        foreach (var (name, value) in env.ToList())
        {
            if (name.EndsWith("_CMD", StringComparison.Ordinal) && value is string command && command.StartsWith("python ", StringComparison.Ordinal))
            {
                env[name] = $"{ShlexQuote(installation.Python)}{command["python".Length..]}";
            }
        }
    }

    private static CommandLineArgsCallbackAnnotation Args(params string[] args) => new(list =>
    {
        foreach (var arg in args)
        {
            list.Add(arg);
        }
    });

    /// <summary>Quotes for Python's shlex.split, which Airflow uses on _CMD options.</summary>
    internal static string ShlexQuote(string text) =>
        text.All(c => char.IsAsciiLetterOrDigit(c) || "@%+=:,./-_".Contains(c)) ? text : $"'{text.Replace("'", "'\"'\"'", StringComparison.Ordinal)}'";

    /// <param name="Endpoint">The port of the component's endpoint (UI, health or log server), if it has one.</param>
    /// <param name="Options">The Airflow options that set its servers' ports and hosts.</param>
    private sealed record ComponentPorts(int? Endpoint, IReadOnlyList<(string Section, string Option, string Value)> Options);
}
