using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Validation;

/// <summary>validate lists the folder as Airflow does: .airflowignore in both syntaxes, nested files for their folder.</summary>
public sealed class ValidateAirflowIgnoreTests : IDisposable
{
    private readonly TempFolder _dags;

    public ValidateAirflowIgnoreTests()
    {
        // Before the folder exists: a skipped test never reaches Dispose.
        Python3.Require();
        _dags = new TempFolder();
    }

    public void Dispose() => _dags.Dispose();

    private async Task<CommandRun> Validate(params string[] options)
    {
        var run = await CommandRun.InvokeAsync(["validate", _dags.Path, .. options]);
        return run;
    }

    private void WriteFolderWithBadFiles()
    {
        _dags.Write("good.py", DagSources.WithDag("good"));
        _dags.Write("scratch_tmp.py", DagSources.SyntaxError);
        _dags.Write("vendor/lib.py", DagSources.SyntaxError);
        _dags.Write("team/ok.py", DagSources.WithDag("team_ok"));
        _dags.Write("team/wip.py", DagSources.SyntaxError);
    }

    [SkippableFact]
    public async Task Without_an_airflowignore_the_bad_files_fail()
    {
        WriteFolderWithBadFiles();

        var run = await Validate("--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["scratch_tmp.py", "team/wip.py", "vendor/lib.py"], JsonReport.Parse(run.Output).WithCode("syntax-error").Select(p => p.File));
    }

    [SkippableFact]
    public async Task Glob_syntax_is_the_default_with_nested_files_and_comments()
    {
        WriteFolderWithBadFiles();
        _dags.Write(".airflowignore", "# scratch files\n*_tmp.py\nvendor/   # third-party code\n");
        _dags.Write("team/.airflowignore", "wip.py\n");

        var run = await Validate("--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = JsonReport.Parse(run.Output);
        Assert.Empty(report.Problems);
        Assert.Equal(["good", "team_ok"], report.Dags.Select(d => d.DagId));
    }

    [SkippableFact]
    public async Task Glob_negation_takes_a_file_back_in()
    {
        WriteFolderWithBadFiles();
        _dags.Write(".airflowignore", "*_tmp.py\nvendor/\nteam/*\n!team/ok.py\n");

        var run = await Validate("--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["good", "team_ok"], JsonReport.Parse(run.Output).Dags.Select(d => d.DagId));
    }

    [SkippableFact]
    public async Task Regexp_syntax_matches_paths_relative_to_the_dag_folder()
    {
        WriteFolderWithBadFiles();
        _dags.Write(".airflowignore", "_tmp\\.py$\n^vendor\n");
        _dags.Write("team/.airflowignore", "^team/w(?P<rest>ip)\n");

        var run = await Validate("--ignore-syntax", "regexp", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = JsonReport.Parse(run.Output);
        Assert.Empty(report.Problems);
        Assert.Equal(["good", "team_ok"], report.Dags.Select(d => d.DagId));
    }

    [SkippableFact]
    public async Task Each_syntax_reads_the_other_as_something_else()
    {
        WriteFolderWithBadFiles();
        // As a glob, "^vendor" and "_tmp\.py$" match nothing; as regexps they ignore both bad files.
        _dags.Write(".airflowignore", "_tmp\\.py$\n^vendor\nwip\n");

        var glob = JsonReport.Parse((await Validate("--json")).Output);
        var regexp = JsonReport.Parse((await Validate("--json", "--ignore-syntax", "regexp")).Output);

        Assert.Equal(["scratch_tmp.py", "team/wip.py", "vendor/lib.py"], glob.WithCode("syntax-error").Select(p => p.File));
        Assert.Empty(regexp.Problems);
    }

    [SkippableTheory]
    [InlineData("regexp", "fine\n(unclosed\n", "invalid-ignore-regexp", "warning")] // Airflow skips the line
    [InlineData("glob", "fine\nbad\\\n", "invalid-ignore-glob", "error")] // Airflow stops listing the folder
    public async Task An_invalid_pattern_is_reported_at_its_line(string syntax, string airflowignore, string code, string severity)
    {
        _dags.Write("good.py", DagSources.WithDag("good"));
        _dags.Write("team/ok.py", DagSources.WithDag("team_ok"));
        _dags.Write("team/.airflowignore", airflowignore);

        var report = JsonReport.Parse((await Validate("--json", "--ignore-syntax", syntax)).Output);

        var problem = Assert.Single(report.Problems);
        Assert.Equal((code, "team/.airflowignore", 2, severity), (problem.Code, problem.File, problem.Line, problem.Severity));
    }
}
