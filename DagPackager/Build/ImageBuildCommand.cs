using System.Text.RegularExpressions;

namespace AirflowAspire.DagPackager.Build;

/// <summary>The container runtime command that builds a context into its tagged image, with the labels.</summary>
internal sealed partial record ImageBuildCommand(string Runtime, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    public static ImageBuildCommand For(BuildContext context, string runtime, IReadOnlyList<KeyValuePair<string, string>> labels, IReadOnlyDictionary<string, string> environment)
    {
        var args = new List<string> { "build" };
        if (context.BaseImageOverridden)
        {
            args.AddRange(["--build-arg", $"{DockerfileText.BaseImageArgument}={context.BaseImage}"]);
        }

        foreach (var (name, value) in labels)
        {
            args.AddRange(["--label", $"{name}={value}"]);
        }

        args.AddRange(["--tag", context.Reference, context.Directory]);
        return new ImageBuildCommand(runtime, args, environment);
    }

    /// <summary>The command as a POSIX shell line, each word quoted where needed.</summary>
    public string ShellLine() =>
        string.Join(' ', Environment.Select(e => $"{e.Key}={Quote(e.Value)}").Concat([Runtime]).Concat(Arguments.Select(Quote)));

    public static string Quote(string word) =>
        word.Length > 0 && SafeWord().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_@%+=:,./-]+$")]
    private static partial Regex SafeWord();
}
