using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>The AppHost's log in the test's output, so a failed run says what Aspire saw.</summary>
internal sealed class TestOutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    private readonly DateTime started = DateTime.UtcNow;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    internal void Write(string line)
    {
        try
        {
            output.WriteLine($"{(DateTime.UtcNow - started).TotalSeconds,7:0.0}s {line}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; xunit takes no more output.
        }
    }

    private sealed class Logger(TestOutputLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var shortCategory = category[(category.LastIndexOf('.') + 1)..];
            provider.Write($"{logLevel,-11} {shortCategory}: {formatter(state, exception)}{(exception is null ? "" : $" {exception.GetType().Name}: {exception.Message}")}");
        }
    }
}
