using AirflowAspire.DagChecks;

namespace AirflowAspire.DagPackager.Release;

/// <summary>
/// Finds the AppHost project, where <c>release</c> writes the lock file by default: the folder of a
/// project with <c>&lt;IsAirflowAspireAppHost&gt;true</c>, looking in the starting folder and each folder
/// above it, and in their direct subfolders (so the repository root finds <c>AppHost/</c>).
/// </summary>
internal static class AppHostFolder
{
    public static string? Find(string start)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
        {
            if (IsAppHost(directory))
            {
                return directory.FullName;
            }

            var children = SafeChildren(directory).Where(IsAppHost).ToList();
            if (children.Count == 1)
            {
                return children[0].FullName;
            }

            if (children.Count > 1)
            {
                throw new Build.PackagerError(
                    $"{directory.FullName} holds several AppHost projects ({string.Join(", ", children.Select(c => c.Name))}); choose one with --lock <apphost-dir>/{DagImageLock.FileName}.");
            }
        }

        return null;
    }

    private static bool IsAppHost(DirectoryInfo directory) =>
        SafeFiles(directory).Any(project => File.ReadAllText(project.FullName).Contains("<IsAirflowAspireAppHost>true</IsAirflowAspireAppHost>", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<FileInfo> SafeFiles(DirectoryInfo directory)
    {
        try
        {
            return directory.GetFiles("*.csproj");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return [];
        }
    }

    private static IEnumerable<DirectoryInfo> SafeChildren(DirectoryInfo directory)
    {
        try
        {
            return directory.GetDirectories();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return [];
        }
    }
}
