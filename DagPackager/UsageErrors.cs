using System.CommandLine;

namespace AirflowAspire.DagPackager;

/// <summary>
/// What is wrong with a command line that does not parse (a missing argument, an unknown option), for the commands'
/// actions, which take System.CommandLine's errors over so that bad usage exits with 2 like every other usage
/// problem. Taking them over also drops the error for unknown tokens, so those are listed here too.
/// </summary>
internal static class UsageErrors
{
    public static IReadOnlyList<string> Of(ParseResult parseResult) =>
        parseResult.Errors.Select(e => e.Message)
            .Concat(parseResult.UnmatchedTokens.Select(token => $"Unrecognized command or argument '{token}'."))
            .Distinct()
            .ToList();

    /// <summary>The last line after the errors: how the command is called.</summary>
    public static string UsageLine(string command, string arguments) =>
        $"Usage: dag-packager {command} {arguments}; see dag-packager {command} --help.";
}
