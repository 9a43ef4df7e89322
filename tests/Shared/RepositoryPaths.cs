namespace AirflowAspire.TestSupport;

/// <summary>Folders of this repository, found from the test assembly upwards.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Manifest => Path.Combine(Root, "aspire-manifest.json");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AirflowAspire.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No AirflowAspire.sln above {AppContext.BaseDirectory}.");
    }
}
