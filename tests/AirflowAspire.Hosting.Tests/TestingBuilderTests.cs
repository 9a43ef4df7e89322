using AirflowAspire.Testing;

namespace AirflowAspire.Hosting.Tests;

public class TestingBuilderTests
{
    [Fact]
    public async Task Captures_the_AppHost_builder_without_running_it()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();

        var app = builder.Build();

        Assert.Equal("airflowaspire-apphost", app.Model.ApplicationName);
        Assert.True(Directory.Exists(app.Model.AppHostDirectory));
        Assert.EndsWith("AppHost", app.Model.AppHostDirectory.TrimEnd('/'));
    }
}
