using AirflowAspire.DagChecks.Validation;
using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Validation;

/// <summary>Bad usage exits with 2 and says what was wrong; so does a machine that lacks what validate needs.</summary>
public sealed class ValidateUsageTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_missing_folder_is_bad_usage_and_the_message_names_it()
    {
        var missing = _temp.Combine("no-such-dags");

        var run = await CommandRun.InvokeAsync("validate", missing);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(missing, run.Error);
        Assert.Contains("does not exist", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task A_file_instead_of_a_folder_is_bad_usage()
    {
        var file = _temp.Write("dag.py", DagSources.WithDag("x"));

        var run = await CommandRun.InvokeAsync("validate", file);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(file, run.Error);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("validate", "{dags}", "--no-such-option")]
    [InlineData("validate", "{dags}", "--ignore-syntax", "fnmatch")]
    [InlineData("validate", "{dags}", "--in-image")]
    [InlineData("validate", "{dags}", "another-folder")]
    public async Task Parse_errors_are_bad_usage(params string[] args)
    {
        var run = await CommandRun.InvokeAsync(args.Select(a => a.Replace("{dags}", _temp.Path)).ToArray());

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains("dag-packager validate --help", run.Error);
    }

    [Fact]
    public async Task Without_python3_validate_says_so_and_exits_2()
    {
        _temp.Write("dags/dag.py", DagSources.WithDag("x"));
        var emptyPath = _temp.Folder("empty-bin");

        var run = await CommandRun.InvokeValidateAsync(new ValidationEnvironment(emptyPath, null, false), "validate", _temp.Combine("dags"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("python3", run.Error);
        Assert.Contains("not on PATH", run.Error);
    }

    [Fact]
    public async Task Help_describes_the_command_and_its_exit_codes()
    {
        var run = await CommandRun.InvokeAsync("validate", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var expected in new[] { "<dags-dir>", "--json", "--in-image", "--ignore-syntax", "--strict", "2 bad usage" })
        {
            Assert.Contains(expected, run.Output);
        }
    }
}
