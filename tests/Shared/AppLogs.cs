using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.TestSupport;

/// <summary>
/// What an app under test logs at or above a level. A failed pipeline step does not make Aspire's RunAsync throw (it
/// logs and stops the host), so publish tests read the failure, or the reason a file is missing, from here.
/// </summary>
public sealed class AppLogs(LogLevel minimum) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    private LogLevel Minimum { get; } = minimum;

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(AppLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
