namespace AirflowAspire.DagChecks;

/// <summary>Paths as .airflowignore rules match them and validate reports them (relative, with forward slashes), and whether one is inside a folder.</summary>
public static class RelativePaths
{
    public static string Of(string baseDirectory, string fullPath) =>
        Path.GetRelativePath(baseDirectory, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or inside it (both absolute, resolved).</summary>
    public static bool IsInside(string path, string folder)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        var root = Path.TrimEndingDirectorySeparator(folder);
        return path.Equals(root, comparison)
            || path.StartsWith(root + Path.DirectorySeparatorChar, comparison)
            || (root.EndsWith(Path.DirectorySeparatorChar) && path.StartsWith(root, comparison));
    }
}
