using AirflowAspire.Hosting.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>
/// Runs one step of Aspire's pipeline (deploy-k8s, destroy-k8s) on a model built in the test, with the kustomize
/// environment <c>k8s</c>, as <c>aspire deploy</c> would; returns null when it succeeded, else what stopped it and
/// the warnings before it. A
/// failed step does not make Aspire's RunAsync throw: a user error is read from <see cref="ReportedStepFailures"/>, a bug from the logs.
/// </summary>
internal static class ModelDeploy
{
    // Only a bound for a stuck step: deploy's own waits (--deploy-timeout, per stage) end a slow one first, and a deploy
    // that rolls back waits twice, stops, dumps and restores (over 8 minutes on a loaded 2-core machine).
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    public static async Task<string?> RunAsync(string step, string outputRoot, string[] switches, Action<IDistributedApplicationBuilder> model) =>
        (await RunWithWarningsAsync(step, outputRoot, switches, model)).Failure;

    /// <summary>As <see cref="RunAsync"/>, with the warnings it logged, which a step that succeeds may have too.</summary>
    public static async Task<(string? Failure, IReadOnlyList<string> Warnings)> RunWithWarningsAsync(
        string step, string outputRoot, string[] switches, Action<IDistributedApplicationBuilder> model)
    {
        using var folder = new TempFolder();
        string[] args = ["AppHost:Operation=publish", $"Pipeline:Step={step}", $"Pipeline:OutputPath={outputRoot}", .. Configuration(switches)];
        using var builder = DistributedApplicationTestingBuilder.Create(args, (options, _) => options.ProjectDirectory = folder.Path);
        var logs = new AppLogs(LogLevel.Warning);
        builder.Services.AddLogging(logging => logging.AddProvider(logs));
        model(builder);
        builder.AddKustomizeEnvironment("k8s");
        await using var app = builder.Build();
        try
        {
            await app.RunAsync().WaitAsync(Timeout);
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            return ($"{e} {string.Join(Environment.NewLine, logs.Lines)}", logs.Lines.ToList());
        }

        var failures = app.Services.GetRequiredService<ReportedStepFailures>().Messages;
        var failure = failures.Count > 0 || logs.Lines.Any(line => line.Contains($"Step '{step}' failed", StringComparison.Ordinal))
            ? string.Join(Environment.NewLine, failures.Concat(logs.Lines))
            : null;
        return (failure, logs.Lines.ToList());
    }

    /// <summary>
    /// As <see cref="RunAsync"/>, with what the step printed on standard output: the deploy collection runs one test
    /// at a time, so the process-wide console is this run's alone meanwhile.
    /// </summary>
    public static async Task<(string? Failure, string Printed)> RunPrintingAsync(
        string step, string outputRoot, string[] switches, Action<IDistributedApplicationBuilder> model)
    {
        var console = Console.Out;
        using var printed = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(printed));
        try
        {
            return ((await RunWithWarningsAsync(step, outputRoot, switches, model)).Failure, printed.ToString());
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    /// <summary>Command-line switches (<c>--name value</c>, or a bare <c>--name</c>) as configuration entries.</summary>
    private static IEnumerable<string> Configuration(string[] switches)
    {
        for (var i = 0; i < switches.Length; i++)
        {
            var name = switches[i].TrimStart('-');
            var hasValue = i + 1 < switches.Length && !switches[i + 1].StartsWith("--", StringComparison.Ordinal);
            yield return $"{name}={(hasValue ? switches[++i] : "true")}";
        }
    }
}
