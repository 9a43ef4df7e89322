using System.Text.Json;
using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Validation;

/// <summary>validate's two outputs: the readable table and the stable JSON schema; stderr stays quiet.</summary>
public sealed class ValidateOutputTests : IDisposable
{
    private readonly TempFolder _dags;

    public ValidateOutputTests()
    {
        // Before the folder exists: a skipped test never reaches Dispose.
        Python3.Require();
        _dags = new TempFolder();
        _dags.Write("good.py", DagSources.WithDag("good"));
        _dags.Write("bad.py", DagSources.SyntaxError);
        _dags.Write("helpers.py", "import requests\n\nCONFIG = requests.get(\"https://example.com/config\").json()\n");
    }

    public void Dispose() => _dags.Dispose();

    [SkippableFact]
    public async Task The_json_has_the_documented_schema()
    {
        var run = await CommandRun.InvokeAsync("validate", _dags.Path, "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Error);
        var root = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(["dags", "problems"], root.EnumerateObject().Select(p => p.Name));

        var dag = Assert.Single(root.GetProperty("dags").EnumerateArray());
        Assert.Equal(["dagId", "file", "line"], dag.EnumerateObject().Select(p => p.Name));
        Assert.Equal("good", dag.GetProperty("dagId").GetString());
        Assert.Equal("good.py", dag.GetProperty("file").GetString());
        Assert.Equal(5, dag.GetProperty("line").GetInt32());

        var problems = root.GetProperty("problems").EnumerateArray().ToList();
        Assert.All(problems, p => Assert.Equal(
            ["file", "line", "column", "severity", "code", "message"], p.EnumerateObject().Select(property => property.Name)));
        Assert.All(problems, p => Assert.Contains(p.GetProperty("severity").GetString(), new[] { "error", "warning", "info" }));
        var syntax = problems.Single(p => p.GetProperty("code").GetString() == "syntax-error");
        Assert.Equal(JsonValueKind.Number, syntax.GetProperty("column").ValueKind);
        // A call in a helper module is still top-level code of whoever imports it.
        var call = problems.Single(p => p.GetProperty("code").GetString() == "import-time-call");
        Assert.Equal(("helpers.py", 3), (call.GetProperty("file").GetString(), call.GetProperty("line").GetInt32()));
    }

    [SkippableFact]
    public async Task The_table_lists_problems_then_dag_ids_then_a_summary()
    {
        var run = await CommandRun.InvokeAsync("validate", _dags.Path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Error);
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        var header = lines.FindIndex(l => l.StartsWith("LOCATION", StringComparison.Ordinal));
        Assert.True(header >= 0, run.Output);
        Assert.Contains("SEVERITY", lines[header]);
        Assert.Contains("MESSAGE", lines[header]);
        Assert.Contains(lines, l => l.StartsWith("bad.py:3:", StringComparison.Ordinal) && l.Contains("error") && l.Contains("syntax-error"));
        var dags = lines.FindIndex(l => l.StartsWith("DAGs found (1)", StringComparison.Ordinal));
        Assert.True(dags > header, run.Output);
        Assert.Contains(lines.Skip(dags), l => l.Contains("good") && l.Contains("good.py:5"));
        Assert.Contains("3 files checked, 1 DAG: 1 error, 1 warning, 0 info.", run.Output);
    }
}
