using System.CommandLine;
using System.CommandLine.Invocation;
using AirflowAspire.DagChecks.Validation;
using AirflowAspire.DagPackager.Validation.Output;

namespace AirflowAspire.DagPackager.Validation;

/// <summary>
/// Runs validate and turns its outcome into the exit code. It also takes validate's parse errors (an unknown option,
/// a missing folder argument) so that they exit with 2, bad usage, like every other usage problem.
/// </summary>
public sealed class ValidateAction(ValidationEnvironment environment, Func<ParseResult, ValidationSettings> settingsOf)
    : AsynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var usageErrors = UsageErrors.Of(parseResult);
        if (usageErrors.Count > 0)
        {
            foreach (var message in usageErrors)
            {
                await error.WriteLineAsync($"error: {message}");
            }

            await error.WriteLineAsync(UsageErrors.UsageLine(ValidateCommand.Name, "<dags-dir> [options]"));
            return ExitCodes.BadUsage;
        }

        var settings = settingsOf(parseResult);
        IValidationProgress progress = environment.ErrorIsTerminal && ReferenceEquals(error, Console.Error)
            ? new TerminalProgress(error)
            : NoProgress.Instance;
        try
        {
            var report = await new DagValidator(environment, progress).ValidateAsync(settings, cancellationToken);
            if (settings.Json)
            {
                JsonReportWriter.Write(output, report);
            }
            else
            {
                TableReportWriter.Write(output, report, settings.DagFolder);
            }

            return report.ExitCode(settings.Strict);
        }
        catch (ValidationUsageException e)
        {
            progress.Clear();
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadUsage;
        }
        finally
        {
            progress.Clear();
        }
    }
}
