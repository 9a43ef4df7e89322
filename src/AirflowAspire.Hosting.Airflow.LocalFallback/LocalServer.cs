using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>A replacement made ready to add to the model: the resource, and the health check its annotation names.</summary>
internal sealed record LocalServer(IResource Resource, HealthCheckRegistration? HealthCheck)
{
    /// <summary>Processes the server needs beside it (RabbitMQ's epmd), added and stopped with it.</summary>
    public IReadOnlyList<LocalServer> Companions { get; init; } = [];

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A <see cref="LocalServerResource"/> on a free port: <paramref name="args"/> and <paramref name="environment"/>
    /// get the port; the check runs against it.
    /// </summary>
    public static LocalServer Create(
        string name,
        string command,
        string workingDirectory,
        Func<EndpointReference, ReferenceExpression> connectionString,
        Func<int, IEnumerable<object>> args,
        Action<int, IDictionary<string, object>> environment,
        Func<int, CancellationToken, Task<HealthCheckResult>> check,
        int? port = null)
    {
        port ??= LocalProcesses.FreePort();
        var server = new LocalServerResource(name, command, workingDirectory, connectionString);
        server.Annotations.Add(new EndpointAnnotation(ProtocolType.Tcp, uriScheme: "tcp", name: LocalServerResource.EndpointName, port: port, targetPort: port, isProxied: false));
        var chosen = port.Value;
        server.Annotations.Add(new CommandLineArgsCallbackAnnotation(context =>
        {
            foreach (var arg in args(chosen))
            {
                context.Args.Add(arg);
            }

            return Task.CompletedTask;
        }));
        server.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
        {
            environment(chosen, context.EnvironmentVariables);
            return Task.CompletedTask;
        }));
        server.Annotations.Add(new ResourceSnapshotAnnotation(new CustomResourceSnapshot
        {
            ResourceType = "Executable",
            Properties = [new("airflowaspire.stands-in-for", "container (no container runtime)")],
        }));

        var key = $"{name}_local_check";
        server.Annotations.Add(new HealthCheckAnnotation(key));
        var registration = new HealthCheckRegistration(key, _ => new DelegateHealthCheck(ct => check(chosen, ct)), HealthStatus.Unhealthy, tags: null, timeout: CheckTimeout);
        return new LocalServer(server, registration);
    }

    /// <summary>A resource that only shows what to install.</summary>
    public static LocalServer Unavailable(string name, string message, IResource? parent = null)
    {
        var resource = new UnavailableResource(name);
        resource.Annotations.Add(new ResourceSnapshotAnnotation(new CustomResourceSnapshot
        {
            ResourceType = "Unavailable",
            State = new ResourceStateSnapshot(UnavailableResource.State, KnownResourceStateStyles.Error),
            Properties = [new("airflowaspire.message", message)],
        }));
        if (parent is not null)
        {
            resource.Annotations.Add(new ResourceRelationshipAnnotation(parent, "Parent"));
        }

        return new LocalServer(resource, null);
    }

    private sealed class DelegateHealthCheck(Func<CancellationToken, Task<HealthCheckResult>> check) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                return await check(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy(e.Message, e);
            }
        }
    }
}
