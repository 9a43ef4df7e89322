using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>Lets runtimes that log through ILogger speak to the terminal, at Information and above.</summary>
internal sealed class TerminalLogger(TerminalReporter terminal) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            terminal.Info(logLevel >= LogLevel.Warning ? $"{logLevel}: {formatter(state, exception)}" : formatter(state, exception));
        }
    }
}
