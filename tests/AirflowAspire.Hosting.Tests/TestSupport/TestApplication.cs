namespace AirflowAspire.Hosting.Tests.TestSupport;

/// <summary>Builders for small models: application "test", rooted in a folder the test owns.</summary>
public static class TestApplication
{
    public static IDistributedApplicationBuilder CreateBuilder(string appHostDirectory, params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            ApplicationName = "test",
            AppHostDirectory = appHostDirectory,
            Args = args,
        });
}
