using AirflowAspire.DagChecks.Tools;

namespace AirflowAspire.DagPackager.Build;

/// <summary>Where a project's source lives: git's HEAD commit and origin URL (without credentials), or "unknown".</summary>
internal sealed record GitInfo(string Revision, string Source)
{
    public const string Unknown = "unknown";

    public static GitInfo Read(string directory)
    {
        var revision = Git(directory, "rev-parse", "HEAD");
        var origin = Git(directory, "config", "--get", "remote.origin.url");
        return new GitInfo(revision ?? Unknown, origin is null ? Unknown : WithoutCredentials(origin));
    }

    private static string? Git(string directory, params string[] args)
    {
        var result = ProcessRunner.TryCapture("git", ["-C", directory, .. args], TimeSpan.FromSeconds(10));
        return result is { ExitCode: 0 } && result.Output.Trim() is { Length: > 0 } output ? output : null;
    }

    // https://user:token@host/repo.git must not end up in an image label.
    private static string WithoutCredentials(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString()
            : url;
}
