namespace AirflowAspire.Hosting.Kubernetes.Tests.Shell;

/// <summary>Rendered container arguments turned into shell words, and scripts that Kubernetes hands to the shell unchanged.</summary>
public sealed class KubeletShellTests
{
    /// <summary>Every character a shell or Kubernetes treats specially, and a reference of each.</summary>
    private const string EveryReservedCharacter = "a b'c\"d$e`f\\g!h*i?j[k]l{m}n(o)p;q&r|s<t>u#v~w%x^y=z,@\t+:$(X)$$ ${HOME} -- '";

    private static readonly Dictionary<string, string> Variables = new() { ["SECRET"] = EveryReservedCharacter, ["X"] = "x" };

    [Fact]
    public void PlainWordsStayReadable()
    {
        Assert.Equal("db check-migrations --migration-wait-timeout=240", KubeletShell.Command(["db", "check-migrations", "--migration-wait-timeout=240"]));
        Assert.Equal("''", KubeletShell.Word(string.Empty));
    }

    [Fact]
    public void AReferenceBecomesAQuotedExpansionOfTheSameVariableAndAnEscapedOneStaysLiteral()
    {
        Assert.Equal("\"${SECRET}\"", KubeletShell.Word("$(SECRET)"));
        Assert.Equal("'pre '\"${SECRET}\"-post", KubeletShell.Word("pre $(SECRET)-post"));
        Assert.Equal("'$(SECRET)'", KubeletShell.Word("$$(SECRET)"));
    }

    [Theory]
    [InlineData("$(SECRET)")]
    [InlineData("--password=$(SECRET)")]
    [InlineData(EveryReservedCharacter)]
    [InlineData("it's $$(X) and $(X) and $$$(X)")]
    public async Task BashReadsEachWordAsKubernetesWouldHaveExpandedTheArgument(string rendered)
    {
        var script = $"printf '%s' {KubeletShell.Word(rendered)}";

        var result = await BoundedProcess.RunAsync("bash", ["-c", script], TimeSpan.FromSeconds(30), Variables);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(KubeletExpansion.Expand(rendered, Variables), result.StandardOutput);
    }

    [Theory]
    [InlineData("airflow db migrate && exec \"$@\"")]
    [InlineData("echo $(date) $$ $$$ ${HOME} $( ) $")]
    [InlineData(EveryReservedCharacter)]
    public void AnEscapedScriptReachesTheShellAsWritten(string script)
    {
        var escaped = KubeletShell.EscapeForKubelet(script);

        Assert.Equal(script, KubeletExpansion.Expand(escaped, Variables));
    }

    [Fact]
    public void AScriptWithNothingKubernetesExpandsIsLeftAsItIs()
    {
        const string script = "airflow db check-migrations --migration-wait-timeout=240 && exec \"$@\"";

        Assert.Equal(script, KubeletShell.EscapeForKubelet(script));
    }
}
