using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// The connections, variables and pools of the model as properties of the <c>airflow</c> resource in the dashboard
/// of a local run: a connection's id, type and host, a variable's key and its value unless a secret parameter gives it,
/// a pool's name, slots and description. No login, password, secret value or extra is ever one of them. A variable a
/// (non-secret) parameter gives shows the parameter's name until its value is known, then the value.
/// </summary>
internal static class AirflowDeclarationProperties
{
    public const string ConnectionPrefix = "connections.";
    public const string VariablePrefix = "variables.";
    public const string PoolPrefix = "pools.";

    public static void Add(IResourceBuilder<AirflowResource> airflow)
    {
        if (!airflow.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return;
        }

        // Published when the resource starts, not with the model: declarations may follow AddAirflow in any order.
        airflow.OnInitializeResource(async (resource, e, cancellationToken) =>
        {
            await e.Notifications.PublishUpdateAsync(resource, s => s with { Properties = [.. s.Properties, .. Of(resource)] }).ConfigureAwait(false);
            var stopping = e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            // A parameter without a value waits for the dashboard to be given one; the start must not wait with it.
            _ = Task.Run(() => ShowParameterValuesAsync(resource, e.Notifications, e.Logger, stopping));
        });
    }

    public static ImmutableArray<ResourcePropertySnapshot> Of(AirflowResource airflow) =>
    [
        .. airflow.Connections.Select(c => Property(ConnectionPrefix + c.Id, $"Connection {c.Id}", $"{c.ConnType}, host {HostOf(c)}")),
        .. airflow.Variables.Select(v => Property(VariablePrefix + v.Key, $"Variable {v.Key}", ValueOf(v))),
        .. airflow.Pools.Select(p => Property(PoolPrefix + p.Name, $"Pool {p.Name}", SlotsOf(p))),
    ];

    private static async Task ShowParameterValuesAsync(AirflowResource airflow, ResourceNotificationService notifications, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var variable in airflow.Variables.Where(v => v.Value is ParameterResource { Secret: false }))
        {
            try
            {
                var value = await ((ParameterResource)variable.Value).GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "";
                await notifications.PublishUpdateAsync(airflow, s => s with
                {
                    Properties = [.. s.Properties.Select(p => p.Name == VariablePrefix + variable.Key ? p with { Value = value } : p)],
                }).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The value of the variable '{Key}' of '{Airflow}' is not shown.", variable.Key, airflow.Name);
            }
        }
    }

    /// <summary>A resource of the model by its name (where it runs decides the address); otherwise the host as declared.</summary>
    private static string HostOf(AirflowConnection connection)
    {
        if (connection.Endpoint?.Invoke().Resource is { } server)
        {
            return $"{server.Name} (a resource of the model)";
        }

        if (connection.Resource is { } resource)
        {
            return $"{resource.Name} (a resource of the model)";
        }

        return connection.Host switch
        {
            string host => connection.Port is string port ? $"{host}:{port}" : host,
            ParameterResource { Secret: true } parameter => $"from the secret parameter '{parameter.Name}'",
            IManifestExpressionProvider expression => expression.ValueExpression,
            _ => "not set",
        };
    }

    private static string ValueOf(AirflowVariable variable) => variable.Value switch
    {
        string text => text,
        ParameterResource { Secret: true } parameter => $"from the secret parameter '{parameter.Name}' (not shown)",
        ParameterResource parameter => $"from the parameter '{parameter.Name}'",
        _ => "not shown",
    };

    private static string SlotsOf(AirflowPool pool)
    {
        var slots = pool.Slots == 1 ? "1 slot" : $"{pool.Slots.ToString(CultureInfo.InvariantCulture)} slots";
        return pool.Description.Length == 0 ? slots : $"{slots}: {pool.Description}";
    }

    private static ResourcePropertySnapshot Property(string name, string displayName, string value) =>
        new(name, value) { DisplayName = displayName };
}
