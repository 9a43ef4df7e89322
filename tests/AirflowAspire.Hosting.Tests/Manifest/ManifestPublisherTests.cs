using AirflowAspire.Hosting.Publishing.Manifest;
using AirflowAspire.Hosting.Tests.TestSupport;

namespace AirflowAspire.Hosting.Tests.Manifest;

public sealed class ManifestPublisherTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("out/manifest.json")]
    [InlineData("out/MANIFEST.JSON")]
    [InlineData("manifest.json")]
    public void A_relative_path_ending_in_json_is_the_file_under_the_working_directory(string outputPath)
    {
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), outputPath), ManifestPublisher.ResolvePath(outputPath));
    }

    [Fact]
    public void An_absolute_path_ending_in_json_is_that_file()
    {
        var file = temp.Combine("deploy", "airflow.json");

        Assert.Equal(file, ManifestPublisher.ResolvePath(file));
    }

    [Theory]
    [InlineData("out")]
    [InlineData("out/")]
    [InlineData("out/manifest.json.d")]
    public void Any_other_relative_path_is_a_folder_under_the_working_directory_getting_aspire_manifest_json(string outputPath)
    {
        var expected = Path.Combine(Path.GetFullPath(Path.Combine(Directory.GetCurrentDirectory(), outputPath)), "aspire-manifest.json");

        Assert.Equal(expected, ManifestPublisher.ResolvePath(outputPath));
    }

    [Fact]
    public void An_absolute_folder_gets_aspire_manifest_json()
    {
        Assert.Equal(temp.Combine("deploy", "aspire-manifest.json"), ManifestPublisher.ResolvePath(temp.Combine("deploy")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_path_is_the_working_directory(string? outputPath)
    {
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "aspire-manifest.json"), ManifestPublisher.ResolvePath(outputPath));
    }

    [Fact]
    public async Task Publishing_to_a_folder_that_does_not_exist_creates_it_and_writes_the_rendered_manifest()
    {
        var app = SampleApp();
        var folder = temp.Combine("deploy", "nested");

        await new ManifestPublisher().PublishAsync(app.Model, new PublishingOptions("manifest", folder), CancellationToken.None);

        var file = Path.Combine(folder, "aspire-manifest.json");
        Assert.True(File.Exists(file), $"{file} was not written.");
        var written = await File.ReadAllTextAsync(file);
        Assert.Equal(ManifestRenderer.Render(app.Model, folder), written);
        ManifestConformance.Assert(written);
    }

    [Fact]
    public async Task Publishing_to_a_json_path_writes_that_file_without_a_byte_order_mark()
    {
        var app = SampleApp();
        var file = temp.Combine("deploy", "airflow.json");

        await new ManifestPublisher().PublishAsync(app.Model, new PublishingOptions("manifest", file), CancellationToken.None);

        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal((byte)'{', bytes[0]);
        ManifestConformance.Assert(await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task The_AppHost_publishes_a_conforming_manifest_to_a_path_relative_to_its_working_directory_and_is_silent_on_stderr()
    {
        var result = await AppHostProcess.RunAsync(temp.Path, "--publisher", "manifest", "--output-path", "out");

        Assert.True(result.ExitCode == 0, $"The AppHost exited with {result.ExitCode}. stderr:{Environment.NewLine}{result.StandardError}");
        Assert.Equal(string.Empty, result.StandardError);
        var file = temp.Combine("out", "aspire-manifest.json");
        Assert.True(File.Exists(file), $"{file} was not written. stdout:{Environment.NewLine}{result.StandardOutput}");
        ManifestConformance.Assert(await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task The_AppHost_rejects_an_unknown_publisher_naming_it_and_the_valid_ones()
    {
        var result = await AppHostProcess.RunAsync(temp.Path, "--publisher", "nosuch", "--output-path", "out");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'nosuch'", result.StandardError);
        Assert.Contains("manifest", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError); // a message for the user, not a stack trace
        Assert.False(Directory.Exists(temp.Combine("out")), "Nothing should be written for an unknown publisher.");
    }

    private DistributedApplication SampleApp()
    {
        var appHost = Directory.CreateDirectory(temp.Combine("apphost")).FullName;
        var builder = TestApplication.CreateBuilder(appHost);
        var password = builder.AddGeneratedSecret("db-password");
        builder.AddTestServer("db").WithEnvironment("POSTGRES_PASSWORD", password).WithVolume(null, "/var/lib/postgresql/data");
        builder.AddContainer("web", "apache/airflow", "3.2.2").WithHttpEndpoint(8080).WithBindMount("dags", "/opt/airflow/dags");
        return builder.Build();
    }
}
