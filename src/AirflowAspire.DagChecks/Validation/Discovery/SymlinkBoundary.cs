namespace AirflowAspire.DagChecks.Validation.Discovery;

/// <summary>
/// The one rule validate and build apply to a symbolic link: resolved all the way (links inside links, linked
/// folders along the way, like realpath(3)), its target must be inside the folder being validated or packaged.
/// validate reports a link that leaves the DAG folder; build refuses one that leaves the project, since the file
/// it leads to (a registry login, a key) would otherwise be copied into the image.
/// </summary>
public static class SymlinkBoundary
{
    /// <summary>Where a link leads, with every link along the way resolved.</summary>
    /// <param name="Target">The link's own target, as written.</param>
    /// <param name="Resolved">The fully resolved path; null when it cannot be resolved (a loop).</param>
    public sealed record Link(string Path, string Target, string? Resolved, bool Exists, bool Inside, string? Problem);

    /// <summary>Whether <paramref name="path"/> is a symbolic link (without following it); false when it cannot be told.</summary>
    public static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Resolves the link at <paramref name="path"/> against the folder <paramref name="realRoot"/> (itself resolved).</summary>
    public static Link Resolve(string path, string realRoot)
    {
        var target = new FileInfo(path).LinkTarget ?? path;
        string resolved;
        try
        {
            resolved = RealPath.Resolve(path);
        }
        catch (IOException e)
        {
            return new Link(path, target, null, false, false, e.Message);
        }

        var exists = File.Exists(resolved) || Directory.Exists(resolved);
        return new Link(path, target, resolved, exists, RelativePaths.IsInside(resolved, realRoot), null);
    }
}
