using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>
/// The lines the AppHost logs for each resource (Aspire.Hosting.Testing forwards a resource's console to the
/// logger category <c>{app}.Resources.{resource}</c>), kept so a test can look for what a container printed.
/// </summary>
internal sealed class ResourceLogs : ILoggerProvider
{
    private const string Marker = ".Resources.";
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> lines = new();

    public IReadOnlyList<string> Of(string resourceName) =>
        lines.TryGetValue(resourceName, out var queue) ? [.. queue] : [];

    public async Task<string> WaitForLineAsync(string resourceName, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Of(resourceName).FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"'{resourceName}' did not log '{text}' within {timeout.TotalSeconds:0} s. It logged:\n{string.Join('\n', Of(resourceName))}");
            }

            await Task.Delay(200);
        }
    }

    public ILogger CreateLogger(string categoryName)
    {
        var at = categoryName.LastIndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance : new Logger(lines.GetOrAdd(categoryName[(at + Marker.Length)..], _ => new()));
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> queue) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            queue.Enqueue(formatter(state, exception));
    }
}
