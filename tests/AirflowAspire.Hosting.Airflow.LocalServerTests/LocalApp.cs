using AirflowAspire.Hosting.Airflow.LocalFallback;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.LocalServerTests;

/// <summary>
/// A testing builder opted into the local fallback as the AppHost is (UseLocalProcessesWithoutContainerRuntime), told
/// which container runtime answers (<c>AirflowAspire:ContainerRuntime=none</c>: none), its local servers' data in
/// <paramref name="dataDirectory"/>.
/// </summary>
internal static class LocalApp
{
    public static readonly TimeSpan ResourceTimeout = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan ProcessExitTimeout = TimeSpan.FromSeconds(60);

    public static IDistributedApplicationTestingBuilder Create(ITestOutputHelper output, string runtime, string dataDirectory, bool publish = false)
    {
        string[] args =
        [
            $"{ContainerRuntimeProbe.SettingKey}={runtime}",
            $"{NoContainerRuntimeFallback.DataDirectoryKey}={dataDirectory}",
            .. publish ? new[] { "--publisher", "manifest", "--output-path", Path.Combine(dataDirectory, "m.json") } : [],
        ];
        var builder = DistributedApplicationTestingBuilder.Create(args);
        builder.UseLocalProcessesWithoutContainerRuntime();
        builder.Services.AddLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new OutputLoggerProvider(output));
            logging.AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning);
            logging.AddFilter("Microsoft", LogLevel.Warning);
        });
        return builder;
    }

    /// <summary>The servers the tests start, each installed the Debian way; skipped (failed in CI) without them.</summary>
    public static void RequireServers()
    {
        RequiredTool.SkipOrFailIfMissing(!Directory.Exists("/usr/lib/postgresql") || !Directory.GetDirectories("/usr/lib/postgresql").Any(),
            "PostgreSQL's server (/usr/lib/postgresql/*/bin/postgres) is not installed");
        RequiredTool.SkipOrFailIfMissing(!File.Exists("/usr/bin/redis-server"), "redis-server is not installed");
        RequiredTool.SkipOrFailIfMissing(!File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"), "rabbitmq-server is not installed");
    }

    /// <summary>A data folder the unprivileged postgres user can reach.</summary>
    public static string ReachableBy(TempFolder folder)
    {
        Skip.If(OperatingSystem.IsWindows(), "Local servers run on Linux.");
#pragma warning disable CA1416 // Skipped on Windows above.
        File.SetUnixFileMode(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
#pragma warning restore CA1416
        return folder.Path;
    }

    /// <summary>Processes whose command line or environment mentions <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> ProcessesMentioning(string text)
    {
        var found = new List<string>();
        foreach (var dir in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                if (cmdline.Contains(text, StringComparison.Ordinal) || environ.Contains(text, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(dir)} {cmdline}");
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    public static async Task<IReadOnlyList<string>> WaitUntilNoProcessMentionsAsync(string text)
    {
        var deadline = DateTime.UtcNow + ProcessExitTimeout;
        IReadOnlyList<string> left;
        while ((left = ProcessesMentioning(text)).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        return left;
    }

    private sealed class OutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new OutputLogger(output, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class OutputLogger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.f} {logLevel} {category}: {formatter(state, exception)}");
            }
            catch (InvalidOperationException)
            {
                // The test has finished; its output is closed.
            }
        }
    }
}
