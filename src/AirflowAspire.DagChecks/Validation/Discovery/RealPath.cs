namespace AirflowAspire.DagChecks.Validation.Discovery;

/// <summary>
/// A path with every symbolic link along it resolved, like POSIX realpath(3), as far as the path exists:
/// where a symlink leads, and so whether it leaves the DAG folder.
/// </summary>
public static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>The resolved path; a missing part is kept as written.</summary>
    /// <exception cref="IOException">Too many links (a loop).</exception>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var pending = new Stack<string>(Split(full[root.Length..]).Reverse());
        var resolved = root;
        var links = 0;

        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? root;
                continue;
            }

            var candidate = Path.Combine(resolved, part);
            var target = LinkTarget(candidate);
            if (target is null)
            {
                resolved = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"Too many levels of symbolic links at {candidate}.");
            }

            var targetRoot = Path.IsPathRooted(target) ? Path.GetPathRoot(target) : null;
            foreach (var next in Split(targetRoot is null ? target : target[targetRoot.Length..]).Reverse())
            {
                pending.Push(next);
            }

            if (targetRoot is not null)
            {
                resolved = targetRoot;
            }
        }

        return resolved;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Split(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
