using YamlDotNet.RepresentationModel;

namespace AirflowAspire.Hosting.Compose;

/// <summary>
/// A service's <c>healthcheck</c>, run inside its container as the official Airflow compose file does:
/// <c>CMD</c> with arguments or <c>CMD-SHELL</c> with a shell line, and compose's timings.
/// </summary>
/// <param name="Test">Compose's <c>test</c> list before <c>$</c> is escaped, e.g. <c>["CMD", "pg_isready"]</c>.</param>
internal sealed record ComposeHealthCheck(
    IReadOnlyList<string> Test, TimeSpan Interval, TimeSpan Timeout, int Retries, TimeSpan StartPeriod)
{
    public static ComposeHealthCheck Command(TimeSpan interval, TimeSpan timeout, int retries, TimeSpan startPeriod, params string[] arguments) =>
        new(["CMD", .. arguments], interval, timeout, retries, startPeriod);

    public static ComposeHealthCheck Shell(TimeSpan interval, TimeSpan timeout, int retries, TimeSpan startPeriod, string line) =>
        new(["CMD-SHELL", line], interval, timeout, retries, startPeriod);

    public YamlMappingNode ToYaml()
    {
        var healthcheck = new YamlMappingNode();
        healthcheck.Set("test", ComposeYaml.List(Test.Select(ComposeValues.Escape), flow: true));
        healthcheck.Set("interval", ComposeYaml.Duration(Interval));
        healthcheck.Set("timeout", ComposeYaml.Duration(Timeout));
        healthcheck.Set("retries", ComposeYaml.Number(Retries));
        healthcheck.Set("start_period", ComposeYaml.Duration(StartPeriod));
        return healthcheck;
    }
}
