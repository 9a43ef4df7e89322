namespace AirflowAspire.Dashboard.Tests.TestSupport;

/// <summary>Folders of this repository, found from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The README's picture of the dashboard.</summary>
    public static string DashboardScreenshot => Path.Combine(Root, "docs", "dashboard.png");

    /// <summary>Pictures of failed tests; TestResults is ignored by git.</summary>
    public static string FailureScreenshots => Path.Combine(Root, "TestResults", "dashboard-failures");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AirflowAspire.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No AirflowAspire.sln above {AppContext.BaseDirectory}.");
    }
}
