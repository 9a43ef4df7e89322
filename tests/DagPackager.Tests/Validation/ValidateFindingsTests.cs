using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Validation;

/// <summary>validate on bad DAG folders, end to end through the command line, with the real python3.</summary>
public sealed class ValidateFindingsTests : IDisposable
{
    private readonly TempFolder _dags;

    public ValidateFindingsTests()
    {
        // Before the folder exists: a skipped test never reaches Dispose.
        Python3.Require();
        _dags = new TempFolder();
    }

    public void Dispose() => _dags.Dispose();

    private Task<CommandRun> Validate(params string[] options) =>
        CommandRun.InvokeAsync(["validate", _dags.Path, .. options]);

    /// <summary>One run with --json: the report and the exit code (the same as without --json).</summary>
    private async Task<(JsonReport Report, CommandRun Run)> ValidateJson(params string[] options)
    {
        var run = await Validate([.. options, "--json"]);
        return (JsonReport.Parse(run.Output), run);
    }

    [SkippableFact]
    public async Task A_syntax_error_is_reported_with_file_line_and_column_and_fails()
    {
        _dags.Write("good.py", DagSources.WithDag("good"));
        _dags.Write("bad.py", DagSources.SyntaxError);

        var run = await Validate();

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("bad.py:3:", run.Output);
        Assert.Contains("syntax-error", run.Output);
        var problem = Assert.Single((await ValidateJson()).Report.WithCode("syntax-error"));
        Assert.Equal(("bad.py", 3, "error"), (problem.File, problem.Line, problem.Severity));
        Assert.NotNull(problem.Column);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [SkippableFact]
    public async Task A_duplicate_dag_id_is_reported_in_both_files()
    {
        _dags.Write("first.py", DagSources.WithDag("same_id"));
        _dags.Write("nested/second.py", DagSources.WithDag("same_id"));

        var (report, run) = await ValidateJson();

        Assert.True(run.ExitCode == 1, run.ToString());
        var duplicates = report.WithCode("duplicate-dag-id").OrderBy(p => p.File).ToList();
        Assert.Equal(["first.py", "nested/second.py"], duplicates.Select(p => p.File));
        Assert.Contains("nested/second.py:5", duplicates[0].Message);
        Assert.Contains("first.py:5", duplicates[1].Message);
        Assert.All(duplicates, p => Assert.Equal("error", p.Severity));
        Assert.Equal(2, report.Dags.Count(d => d.DagId == "same_id"));
    }

    [SkippableFact]
    public async Task A_file_that_is_not_utf8_is_reported_with_its_byte_offset()
    {
        _dags.Write("good.py", DagSources.WithDag("good"));
        // "x = 'café'" in Latin-1: byte 0xE9 at offset 32 of the file, on line 2.
        _dags.WriteBytes("latin1.py", [.. "from airflow import DAG\nx = 'caf"u8, 0xE9, .. "'\n"u8]);

        var (report, run) = await ValidateJson();

        var problem = Assert.Single(report.WithCode("not-utf8"));
        Assert.Equal(("latin1.py", 2, "error"), (problem.File, problem.Line, problem.Severity));
        Assert.Contains("byte offset 32", problem.Message);
        Assert.Contains("0xe9", problem.Message);
        Assert.Equal(1, run.ExitCode);
    }

    [SkippableFact]
    public async Task A_symlink_that_points_outside_the_folder_is_reported_and_not_followed()
    {
        using var outside = new TempFolder();
        outside.Write("elsewhere.py", DagSources.WithDag("from_outside"));
        outside.Write("pkg/more.py", DagSources.WithDag("from_outside_folder"));
        _dags.Write("good.py", DagSources.WithDag("good"));
        _dags.Symlink("linked.py", outside.Combine("elsewhere.py"));
        Directory.CreateSymbolicLink(_dags.Combine("linked_folder"), outside.Combine("pkg"));
        _dags.Symlink("inside.py", "good.py");

        var (report, run) = await ValidateJson();

        Assert.Equal(["linked.py", "linked_folder"], report.WithCode("symlink-outside").Select(p => p.File).Order());
        Assert.DoesNotContain(report.Dags, d => d.DagId.StartsWith("from_outside", StringComparison.Ordinal));
        // A symlink inside the folder is followed, as Airflow does: its DAG is the same id twice.
        Assert.Equal(["good.py", "inside.py"], report.Dags.Where(d => d.DagId == "good").Select(d => d.File).Order());
        Assert.Equal(1, run.ExitCode);
    }

    [SkippableFact]
    public async Task An_empty_folder_has_no_dag_files_and_fails()
    {
        var run = await Validate();

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("no DAG files", run.Output);
        var problem = Assert.Single((await ValidateJson()).Report.Problems);
        Assert.Equal(("no-dag-files", "error", "."), (problem.Code, problem.Severity, problem.File));
    }

    [SkippableFact]
    public async Task A_file_without_a_dag_is_a_warning_unless_it_is_a_helper_module()
    {
        _dags.Write("good.py", DagSources.WithDag("good"));
        _dags.Write("forgot_the_dag.py", "from airflow.sdk import task\n\n# no dag in here\n@task\ndef lonely():\n    pass\n");
        _dags.Write("helpers.py", "def shared():\n    return 42\n");

        var (report, run) = await ValidateJson();

        Assert.True(run.ExitCode == 0, run.ToString());
        var problem = Assert.Single(report.Problems);
        Assert.Equal(("no-dag", "warning", "forgot_the_dag.py"), (problem.Code, problem.Severity, problem.File));
        Assert.Equal(1, (await Validate("--strict")).ExitCode);
    }

    [SkippableFact]
    public async Task A_network_call_at_import_time_is_a_warning_but_not_inside_a_task()
    {
        _dags.Write("fetches.py", """
            import requests
            from airflow.sdk import DAG, Variable, task

            CONFIG = requests.get("https://example.com/config.json").json()
            THRESHOLD = Variable.get("threshold")

            with DAG(dag_id="fetches", schedule=None):

                @task
                def fine():
                    return requests.get("https://example.com/data").json()

                fine()

            if __name__ == "__main__":
                requests.get("https://example.com/only-when-run-by-hand")
            """);

        var (report, run) = await ValidateJson();

        Assert.True(run.ExitCode == 0, run.ToString());
        var calls = report.WithCode("import-time-call").ToList();
        Assert.Equal([4, 5], calls.Select(p => p.Line));
        Assert.All(calls, p => Assert.Equal("warning", p.Severity));
        Assert.Contains("requests.get()", calls[0].Message);
        Assert.Contains("network", calls[0].Message);
        Assert.Contains("Variable.get()", calls[1].Message);
        Assert.Equal(1, (await Validate("--strict")).ExitCode);
    }

    [SkippableFact]
    public async Task Dag_ids_are_found_in_every_form_airflow_accepts()
    {
        _dags.Write("forms.py", """
            import airflow
            from airflow import DAG as OldDag
            from airflow.models import DAG as ModelsDag
            from airflow.sdk import DAG, dag, task

            MY_ID = "from_a_constant"

            positional = DAG("positional", schedule=None)
            keyword = ModelsDag(dag_id="keyword", schedule=None)
            OldDag(dag_id=MY_ID)
            airflow.DAG("through_the_module")

            with DAG(dag_id="in_a_with", schedule=None):
                pass

            @dag(dag_id="decorated_with_id", schedule=None)
            def whatever():
                pass

            @dag(schedule=None)
            def named_by_function():
                pass

            @dag
            def bare_decorator():
                pass

            @dag(schedule=None)
            def never_called():
                pass

            whatever()
            named_by_function()
            bare_decorator()
            """);

        var (report, _) = await ValidateJson();

        Assert.Equal(
            ["bare_decorator", "decorated_with_id", "from_a_constant", "in_a_with", "keyword", "named_by_function", "positional", "through_the_module"],
            report.Dags.Select(d => d.DagId));
        Assert.All(report.Dags, d => Assert.Equal("forms.py", d.File));
        Assert.Equal(8, report.Dags.Single(d => d.DagId == "positional").Line);
        var notCalled = Assert.Single(report.Problems);
        Assert.Equal(("dag-not-called", 28), (notCalled.Code, notCalled.Line));
        Assert.Contains("never_called()", notCalled.Message);
    }

    [SkippableFact]
    public async Task A_dag_id_computed_at_run_time_is_noted_but_counts_as_a_dag()
    {
        _dags.Write("generated.py", """
            from airflow.sdk import DAG

            for team in ["a", "b"]:
                DAG(dag_id=f"team_{team}", schedule=None)
            """);

        var (report, run) = await ValidateJson();

        Assert.True(run.ExitCode == 0, run.ToString());
        var problem = Assert.Single(report.Problems);
        Assert.Equal(("dynamic-dag-id", "info", 4), (problem.Code, problem.Severity, problem.Line));
        Assert.Empty(report.Dags);
    }
}
