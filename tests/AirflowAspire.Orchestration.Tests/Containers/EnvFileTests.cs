using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting.Orchestration.Containers;

namespace AirflowAspire.Orchestration.Tests.Containers;

public sealed class EnvFileTests
{
    [Fact]
    public void Values_are_written_as_they_are_one_per_line()
    {
        var content = EnvFile.Render("web", "docker", new Dictionary<string, string>
        {
            ["B"] = "  spaces, \"quotes\" and $dollars stay  ",
            ["A"] = "x=y",
            ["EMPTY"] = "",
        });

        Assert.Equal("A=x=y\nB=  spaces, \"quotes\" and $dollars stay  \nEMPTY=\n", content);
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("carriage\rreturn")]
    public void A_value_with_a_line_break_is_refused_without_showing_the_value(string value)
    {
        var error = Assert.Throws<WorkloadStartException>(
            () => EnvFile.Render("web", "docker", new Dictionary<string, string> { ["TLS_KEY"] = value }));

        Assert.Contains("'web'", error.Message);
        Assert.Contains("'TLS_KEY'", error.Message);
        Assert.DoesNotContain(value, error.Message);
    }

    [Theory]
    [InlineData("HAS SPACE")]
    [InlineData("A=B")]
    [InlineData("#COMMENT")]
    public void A_name_the_format_cannot_carry_is_refused(string name)
    {
        var error = Assert.Throws<WorkloadStartException>(
            () => EnvFile.Render("web", "docker", new Dictionary<string, string> { [name] = "v" }));

        Assert.Contains($"'{name}'", error.Message);
    }

    [Fact]
    public void The_file_is_readable_only_by_the_user_and_gone_after_dispose()
    {
        string path;
        using (var file = EnvFile.Write(EnvFile.Render("web", "docker", new Dictionary<string, string> { ["A"] = "1" })))
        {
            path = file.Path;
            Assert.Equal("A=1\n", File.ReadAllText(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }

        Assert.False(File.Exists(path));
    }
}
