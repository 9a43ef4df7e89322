namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>Folders of this repository, found from the test's output folder.</summary>
internal static class RepositoryFolders
{
    public static string Root { get; } = FindRoot();

    /// <summary>The README's picture of the dashboard.</summary>
    public static string DashboardScreenshot => Path.Combine(Root, "docs", "dashboard.png");

    /// <summary>Pictures and pages of failed tests; TestResults is ignored by git.</summary>
    public static string Failures => Path.Combine(Root, "TestResults", "functional-failures");

    /// <summary>The default AppHost's project folder.</summary>
    public static string AppHostProject => Path.Combine(Root, "AppHost");

    /// <summary>The AppHost's built assembly, in the configuration this test assembly was built in (the test project references it).</summary>
    public static string AppHostAssembly
    {
        get
        {
            // .../tests/<project>/bin/<Configuration>/<tfm>/
            var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfmDirectory.Parent!.Name;
            return Path.Combine(AppHostProject, "bin", configuration, tfmDirectory.Name, "AirflowAspire.AppHost.dll");
        }
    }

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
