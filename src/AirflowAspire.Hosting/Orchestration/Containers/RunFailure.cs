using System.Globalization;
using System.Text.RegularExpressions;

namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>Turns the runtime's words for a failed <c>run</c> into an error that names the resource and the fix.</summary>
internal static partial class RunFailure
{
    /// <summary>True when the run failed only because a container of that name is still there.</summary>
    public static bool IsNameConflict(string message) =>
        message.Contains("container name", StringComparison.OrdinalIgnoreCase)
        && message.Contains("already in use", StringComparison.OrdinalIgnoreCase);

    public static WorkloadStartException Describe(WorkloadSpec spec, string cli, string message)
    {
        message = message.Trim();
        if (IsPortBusy(message))
        {
            return PortBusy(spec, message);
        }

        return new WorkloadStartException($"Resource '{spec.ResourceName}' could not be started by {cli}: {message}");
    }

    private static bool IsPortBusy(string message) =>
        message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
        || message.Contains("port is already allocated", StringComparison.OrdinalIgnoreCase);

    private static WorkloadStartException PortBusy(WorkloadSpec spec, string message)
    {
        var busy = HostPortIn(message) is { } port ? spec.Ports.Where(p => p.HostPort == port).ToList() : [];
        if (busy.Count == 0)
        {
            busy = spec.Ports.ToList();
        }

        var ports = string.Join(", ", busy.Select(p => string.Create(
            CultureInfo.InvariantCulture, $"{p.HostPort} (endpoint '{p.EndpointName}', container port {p.TargetPort})")));
        return new WorkloadStartException(
            $"Resource '{spec.ResourceName}' cannot use host port {ports} on 127.0.0.1: another program already uses it. " +
            $"Stop that program, or give the endpoint another port in the AppHost (or none, for a free one). ({message})");
    }

    private static int? HostPortIn(string message) =>
        HostPortPattern().Match(message) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"127\.0\.0\.1:(\d{1,5})")]
    private static partial Regex HostPortPattern();
}
