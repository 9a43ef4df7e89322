namespace AirflowAspire.Hosting.Publishing;

/// <summary>
/// A switch given without a value on the AppHost's command line, e.g. <c>--rotate-secrets</c>. .NET's command-line
/// configuration reads <c>--name value</c> and <c>--name=value</c> only: a bare switch at the end is dropped, so
/// publishers look at the arguments themselves too.
/// </summary>
public static class CommandLineSwitch
{
    /// <summary>
    /// Whether <paramref name="args"/> turn the switch <c>--{name}</c> on: alone (last, or before another switch),
    /// or with any value but <c>false</c>.
    /// </summary>
    public static bool IsOn(IReadOnlyList<string>? args, string name)
    {
        if (args is null)
        {
            return false;
        }

        var flag = "--" + name;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith(flag + "=", StringComparison.OrdinalIgnoreCase))
            {
                return !IsFalse(args[i][(flag.Length + 1)..]);
            }

            if (string.Equals(args[i], flag, StringComparison.OrdinalIgnoreCase))
            {
                return i + 1 == args.Count || args[i + 1].StartsWith('-') || !IsFalse(args[i + 1]);
            }
        }

        return false;
    }

    private static bool IsFalse(string value) => string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
}
