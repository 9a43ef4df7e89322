using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Compose.Tests.TestSupport;

/// <summary>
/// The app's error logs. A failed pipeline step does not make Aspire's RunAsync throw (it logs and stops the
/// host), so tests read the failure from here.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> errors = new();

    public IReadOnlyCollection<string> Errors => errors;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                logs.errors.Enqueue($"{formatter(state, exception)} {exception?.Message}");
            }
        }
    }
}
