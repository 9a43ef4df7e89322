using AirflowAspire.DagChecks;
using AirflowAspire.DagChecks.AirflowIgnore;
using AirflowAspire.DagChecks.Validation.Discovery;
using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Validation;

/// <summary>The .airflowignore rules validate lists the folder with, pattern by pattern, against Airflow's semantics.</summary>
public sealed class IgnoreRuleValidationTests : IDisposable
{
    private readonly TempFolder _dags = new();

    public void Dispose() => _dags.Dispose();

    [Theory]
    // A name without a slash matches at any depth; with one, relative to the .airflowignore's folder.
    [InlineData("*.tmp.py", "a.tmp.py", false, true)]
    [InlineData("*.tmp.py", "deep/down/a.tmp.py", false, true)]
    [InlineData("scratch", "team/scratch", true, true)]
    [InlineData("scratch", "team/scratch", false, true)]
    [InlineData("team/scratch.py", "team/scratch.py", false, true)]
    [InlineData("team/scratch.py", "other/team/scratch.py", false, false)]
    [InlineData("/top.py", "top.py", false, true)]
    [InlineData("/top.py", "sub/top.py", false, false)]
    // A trailing slash: folders only.
    [InlineData("build/", "build", true, true)]
    [InlineData("build/", "build", false, false)]
    // ** crosses folders, * and ? stay inside one, brackets are classes.
    [InlineData("a/**/z.py", "a/z.py", false, true)]
    [InlineData("a/**/z.py", "a/b/c/z.py", false, true)]
    [InlineData("a/*.py", "a/b/z.py", false, false)]
    [InlineData("dag_?.py", "dag_1.py", false, true)]
    [InlineData("dag_?.py", "dag_10.py", false, false)]
    [InlineData("dag_[0-9].py", "dag_7.py", false, true)]
    [InlineData("dag_[!0-9].py", "dag_7.py", false, false)]
    [InlineData(@"\#literal.py", "#literal.py", false, true)]
    public void Glob_patterns_match_like_gitignore(string pattern, string relativePath, bool isDirectory, bool ignored)
    {
        var rule = GlobIgnoreRule.Compile(pattern, _dags.Path)!;

        Assert.Equal(ignored, rule.Match(_dags.Combine(relativePath), isDirectory) == true);
    }

    [Fact]
    public void The_last_matching_glob_wins_so_negation_takes_files_back()
    {
        _dags.Write(".airflowignore", "*.py\n!keep.py\n");
        var rules = IgnoreRuleSet.Empty.Enter(_dags.Path, _dags.Path, IgnoreSyntax.Glob);

        Assert.True(rules.IsIgnored(_dags.Combine("drop.py"), false));
        Assert.False(rules.IsIgnored(_dags.Combine("keep.py"), false));
    }

    [Theory]
    [InlineData("project_a", "project_a_dag_1.py", true)]
    [InlineData("project_a", "TESTING_project_a.py", true)]
    [InlineData(@"tenant_[\d]", "tenant_1/dag_1.py", true)]
    [InlineData("^sub/", "sub/x.py", true)]
    [InlineData("^sub/", "other/sub/x.py", false)]
    [InlineData("(?P<name>abc)(?P=name)", "abcabc.py", true)]
    public void Regexp_patterns_search_the_path_relative_to_the_dag_folder(string pattern, string relativePath, bool ignored)
    {
        var rule = RegexpIgnoreRule.Compile(pattern, _dags.Path);

        Assert.Equal(ignored, rule.Match(_dags.Combine(relativePath), false) == true);
    }

    [Fact]
    public void Comments_and_blank_lines_are_skipped_and_bad_globs_reported()
    {
        _dags.Write(".airflowignore", "# a comment\n\nok.py   # trailing comment\nbad\\\n");
        var invalid = new List<InvalidIgnoreLine>();

        var rules = AirflowIgnoreFile.Read(_dags.Combine(".airflowignore"), _dags.Path, IgnoreSyntax.Glob, invalid);

        Assert.Single(rules);
        var line = Assert.Single(invalid);
        Assert.Equal((".airflowignore", 4, IgnoreSyntax.Glob), (line.File, line.Line, line.Syntax));
    }

    [Fact]
    public void A_symlink_chain_resolves_to_where_it_finally_leads()
    {
        _dags.Write("real/dag.py", "");
        Directory.CreateSymbolicLink(_dags.Combine("hop1"), "real");
        File.CreateSymbolicLink(_dags.Combine("hop2.py"), Path.Combine("hop1", "dag.py"));

        Assert.Equal(RealPath.Resolve(_dags.Combine("real/dag.py")), RealPath.Resolve(_dags.Combine("hop2.py")));
        Assert.True(RelativePaths.IsInside(RealPath.Resolve(_dags.Combine("hop2.py")), RealPath.Resolve(_dags.Path)));
    }
}
