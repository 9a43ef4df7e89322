using System.Text.RegularExpressions;
using AirflowAspire.DagChecks.Tools;

namespace AirflowAspire.DagPackager.Build;

/// <summary>The container runtime command that builds a context into its tagged image, with the labels.</summary>
internal sealed partial record ImageBuildCommand(string Runtime, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(30);

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

    /// <summary>
    /// The environment of a build. Docker without the buildx plugin (Debian's docker.io, for one) builds with
    /// the classic builder, which the generated Dockerfile suits; newer Docker refuses to without
    /// DOCKER_BUILDKIT=0.
    /// </summary>
    public static IReadOnlyDictionary<string, string> EnvironmentFor(ContainerRuntime runtime) =>
        runtime.Name == "docker" && Path.IsPathRooted(runtime.Program) && ProcessRunner.TryCapture(runtime.Program, ["buildx", "version"], QueryTimeout) is not { ExitCode: 0 }
            ? new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" }
            : new Dictionary<string, string>();

    /// <summary>The command as a POSIX shell line, each word quoted where needed.</summary>
    public string ShellLine() =>
        string.Join(' ', Environment.Select(e => $"{e.Key}={Quote(e.Value)}").Concat([Runtime]).Concat(Arguments.Select(Quote)));

    public static string Quote(string word) =>
        word.Length > 0 && SafeWord().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_@%+=:,./-]+$")]
    private static partial Regex SafeWord();
}
