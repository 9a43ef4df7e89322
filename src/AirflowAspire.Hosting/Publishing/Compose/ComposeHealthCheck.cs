using AirflowAspire.Hosting.ApplicationModel;
using YamlDotNet.RepresentationModel;

namespace AirflowAspire.Hosting.Publishing.Compose;

/// <summary>
/// A service's <c>healthcheck</c>, run inside its container as the official Airflow compose file does: a
/// command as <c>CMD</c> or <c>CMD-SHELL</c>, an HTTP check as <c>curl --fail</c> (the Airflow image has curl), a
/// TCP check through bash's <c>/dev/tcp</c>. Several checks become one shell line that needs them all, with
/// the first one's timings.
/// </summary>
internal static class ComposeHealthCheck
{
    public static YamlMappingNode? For(ContainerResource container)
    {
        var checks = container.GetHealthChecks();
        if (checks.Count == 0)
        {
            return null;
        }

        var test = checks.Count == 1
            ? Test(container, checks[0])
            : ["CMD-SHELL", string.Join(" && ", checks.Select(c => ShellLine(container, c)))];

        var first = checks[0];
        var healthcheck = new YamlMappingNode();
        healthcheck.Set("test", ComposeYaml.List(test.Select(ComposeValues.Escape), flow: true));
        healthcheck.Set("interval", ComposeYaml.Duration(first.Interval));
        healthcheck.Set("timeout", ComposeYaml.Duration(first.Timeout));
        healthcheck.Set("retries", ComposeYaml.Number(first.Retries));
        healthcheck.Set("start_period", ComposeYaml.Duration(first.StartPeriod));
        return healthcheck;
    }

    /// <summary>The check as compose's <c>test</c> list, before <c>$</c> is escaped.</summary>
    private static List<string> Test(ContainerResource container, HealthCheckAnnotation check) => check switch
    {
        CommandHealthCheckAnnotation { UseShell: true } shell => ["CMD-SHELL", shell.Command[0]],
        CommandHealthCheckAnnotation command => ["CMD", .. command.Command],
        _ => ["CMD", .. Arguments(container, check)],
    };

    private static string ShellLine(ContainerResource container, HealthCheckAnnotation check) => check switch
    {
        CommandHealthCheckAnnotation { UseShell: true } shell => $"( {shell.Command[0]} )",
        CommandHealthCheckAnnotation command => string.Join(' ', command.Command.Select(ShellQuote)),
        _ => string.Join(' ', Arguments(container, check).Select(ShellQuote)),
    };

    private static IReadOnlyList<string> Arguments(ContainerResource container, HealthCheckAnnotation check) => check switch
    {
        HttpHealthCheckAnnotation http => Curl(Endpoint(container, http.EndpointName), http.Path),
        TcpHealthCheckAnnotation tcp => ["bash", "-c", $"</dev/tcp/127.0.0.1/{Endpoint(container, tcp.EndpointName).TargetPort}"],
        _ => throw new DistributedApplicationException(
            $"Resource '{container.Name}' has a health check ({check.GetType().Name}) the compose publisher cannot write."),
    };

    private static string[] Curl(EndpointAnnotation endpoint, string path) => endpoint.Scheme == "https"
        ? ["curl", "--fail", "--insecure", $"https://localhost:{endpoint.TargetPort}{path}"]
        : ["curl", "--fail", $"http://localhost:{endpoint.TargetPort}{path}"];

    private static EndpointAnnotation Endpoint(ContainerResource container, string name) => container.GetEndpoint(name).Endpoint;

    private static string ShellQuote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@%+,".Contains(c))
            ? argument
            : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
