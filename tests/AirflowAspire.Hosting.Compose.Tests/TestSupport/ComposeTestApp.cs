using AirflowAspire.Hosting.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Compose.Tests.TestSupport;

/// <summary>
/// A model built in a test and published as the AppHost publishes it: Aspire's testing builder in publish mode
/// running only the <c>publish-compose</c> step (and what it depends on). The AppHost folder is the folder the test
/// gives; the output path its <c>out</c> folder.
/// </summary>
public sealed class ComposeTestApp : IAsyncDisposable
{
    public const string EnvironmentName = "compose";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(2);

    private ComposeTestApp(string appHostDirectory, string step, string[] args)
    {
        AppHostDirectory = appHostDirectory;
        OutputPath = Path.Combine(appHostDirectory, "out");
        string[] publish = ["AppHost:Operation=publish", $"Pipeline:OutputPath={OutputPath}", $"Pipeline:Step={step}", .. args];
        Builder = DistributedApplicationTestingBuilder.Create(
            publish,
            (options, _) => options.ProjectDirectory = appHostDirectory);
        Builder.Services.AddSingleton<ILoggerProvider>(Logs);
    }

    /// <summary>The app's error logs, where a failed publish says why.</summary>
    public AppLogs Logs { get; } = new(LogLevel.Error);

    public string AppHostDirectory { get; }

    public IDistributedApplicationTestingBuilder Builder { get; }

    /// <summary>Aspire's output path; the compose files go to its <c>compose</c> folder.</summary>
    public string OutputPath { get; }

    public string ComposeFolder => Path.Combine(OutputPath, EnvironmentName);

    public string ComposeFile => Path.Combine(ComposeFolder, "docker-compose.yaml");

    /// <param name="appHostDirectory">The AppHost's folder; relative paths (WithDags) start there.</param>
    /// <param name="args">More configuration, e.g. <c>Parameters:postgres-password=...</c> or <c>rotate-secrets=true</c>.</param>
    public static ComposeTestApp Create(string appHostDirectory, params string[] args) => new(appHostDirectory, $"publish-{EnvironmentName}", args);

    /// <summary>As <see cref="Create"/>, running the step <paramref name="step"/> (and what it depends on) instead.</summary>
    public static ComposeTestApp CreateForStep(string appHostDirectory, string step, params string[] args) => new(appHostDirectory, step, args);

    /// <summary>
    /// Runs the pipeline and returns the failures it reported and logged, and what its steps printed on standard output
    /// (the console is the process's: output of tests running beside this one may be among it).
    /// </summary>
    public async Task<(string Failures, string Printed)> RunPrintingAsync()
    {
        var console = Console.Out;
        using var printed = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(printed));
        try
        {
            var failures = (await RunAsync()).Concat(Logs.Lines);
            return (string.Join(Environment.NewLine, failures), printed.ToString());
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    /// <summary>Adds the compose environment, runs the pipeline, and reads the compose file back.</summary>
    public async Task<ComposeDocument> PublishAsync()
    {
        var failures = await RunAsync();
        Assert.True(failures.Count == 0 && Logs.Lines.Count == 0, $"The publish failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Concat(Logs.Lines))}");
        return ComposeDocument.Parse(await File.ReadAllTextAsync(ComposeFile));
    }

    /// <summary>Runs a publish that should fail and returns what the step reported and what was logged as errors.</summary>
    public async Task<string> PublishFailingAsync()
    {
        var errors = (await RunAsync()).Concat(Logs.Lines).ToList();
        Assert.NotEmpty(errors);
        return string.Join(Environment.NewLine, errors);
    }

    /// <returns>The messages of the steps that failed.</returns>
    private async Task<IReadOnlyList<string>> RunAsync()
    {
        Builder.AddComposeEnvironment(EnvironmentName);
        await using var app = Builder.Build();
        await app.RunAsync().WaitAsync(PublishTimeout);
        return app.Services.GetRequiredService<ReportedStepFailures>().Messages;
    }

    public ValueTask DisposeAsync() => Builder.DisposeAsync();
}
