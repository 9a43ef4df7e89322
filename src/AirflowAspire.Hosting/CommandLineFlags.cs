namespace AirflowAspire.Hosting;

/// <summary>
/// The configuration command-line provider reads <c>--name value</c> pairs, so a bare switch such as
/// <c>--reset</c> would swallow the next argument (<c>--reset --publisher manifest</c> would lose the
/// publisher). Bare switches become <c>--name=true</c> before the provider sees them.
/// </summary>
internal static class CommandLineFlags
{
    private static readonly string[] Switches = ["--reset", "--rotate-secrets"];

    public static string[] Normalize(IReadOnlyList<string> args) =>
        args.Select(arg => Switches.Contains(arg, StringComparer.OrdinalIgnoreCase) ? arg + "=true" : arg).ToArray();
}
