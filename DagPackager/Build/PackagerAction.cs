using System.CommandLine;
using System.CommandLine.Invocation;

namespace AirflowAspire.DagPackager.Build;

/// <summary>
/// The action of build and release: a command line that does not parse (a missing argument, an unknown option)
/// is bad usage, exit code 2 like every other usage error, with the messages on stderr; otherwise it runs.
/// </summary>
internal sealed class PackagerAction(string command, string usage, Func<ParseResult, int> run) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var errors = UsageErrors.Of(parseResult);
        if (errors.Count == 0)
        {
            return run(parseResult);
        }

        var error = parseResult.InvocationConfiguration.Error;
        foreach (var message in errors)
        {
            error.WriteLine($"dag-packager {command}: {message}");
        }

        error.WriteLine(UsageErrors.UsageLine(command, usage));
        return PackagerError.BadUsage;
    }
}
