using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting.Tests.TestSupport;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Tests.Orchestration;

/// <summary>Local runs keep generated secrets, so passwords stay valid for the data already in volumes.</summary>
public sealed class LocalParameterValuesTests : IDisposable
{
    private readonly TempDirectory folder = new();

    private string StateFile => folder.Combine("app", "parameters.json");

    [Fact]
    public void A_generated_secret_is_made_once_and_kept_across_runs_in_a_file_only_the_user_can_read()
    {
        var secret = ParameterResource.CreateSecret("db-password", new GenerateParameterDefault(24));

        var first = new LocalParameterValues(Configuration(), StateFile).Get(secret);
        var second = new LocalParameterValues(Configuration(), StateFile).Get(secret);

        Assert.Equal(24, first.Length);
        Assert.All(first, c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.Equal(first, second);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StateFile));
        }
    }

    [Fact]
    public void Configuration_wins_over_the_kept_value()
    {
        var secret = ParameterResource.CreateSecret("db-password", new GenerateParameterDefault(24));
        _ = new LocalParameterValues(Configuration(), StateFile).Get(secret);

        var configured = new LocalParameterValues(Configuration(("Parameters:db-password", "from-config")), StateFile).Get(secret);

        Assert.Equal("from-config", configured);
    }

    [Fact]
    public void A_secret_nobody_supplied_names_where_to_set_it()
    {
        var secret = ParameterResource.CreateSecret("api-token", generate: null);

        var error = Assert.Throws<DistributedApplicationException>(() => new LocalParameterValues(Configuration(), StateFile).Get(secret));

        Assert.Contains("Parameters__api-token", error.Message);
        Assert.Contains("appsettings.json", error.Message);
    }

    [Fact]
    public void A_damaged_state_file_is_reported_not_overwritten()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StateFile)!);
        File.WriteAllText(StateFile, "{ not json");
        var secret = ParameterResource.CreateSecret("db-password", new GenerateParameterDefault(24));

        var error = Assert.Throws<DistributedApplicationException>(() => new LocalParameterValues(Configuration(), StateFile).Get(secret));

        Assert.Contains(StateFile, error.Message);
        Assert.Equal("{ not json", File.ReadAllText(StateFile));
    }

    public void Dispose() => folder.Dispose();

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
