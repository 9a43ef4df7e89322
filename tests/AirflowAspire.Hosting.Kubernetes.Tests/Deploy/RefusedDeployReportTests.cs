namespace AirflowAspire.Hosting.Kubernetes.Tests.Deploy;

/// <summary>
/// Deploys and destroys that must be refused, run as the user runs them (the kubernetes-executor example's AppHost
/// process, <c>--operation publish --step deploy</c>); nothing reaches a cluster. The reason is printed once, with
/// no stack trace and no <c>crit:</c> log, and the process exits 1.
/// </summary>
public sealed class RefusedDeployReportTests
{
    private const string Example = "AirflowAspire.Examples.KubernetesExecutor";

    /// <summary>Nothing listens on port 1, so a connection is refused at once.</summary>
    private const string UnreachableKubeconfig = """
        apiVersion: v1
        kind: Config
        current-context: nowhere
        clusters: [{name: nowhere, cluster: {server: "https://127.0.0.1:1"}}]
        users: [{name: nowhere-user, user: {token: not-a-secret}}]
        contexts: [{name: nowhere, context: {cluster: nowhere, user: nowhere-user}}]
        """;

    [SkippableFact]
    public async Task A_namespace_other_than_the_KubernetesExecutors_is_refused_once_without_a_stack_trace()
    {
        var result = await RunAsync("deploy", "--namespace", "other");

        AssertReportedOnce(result, "--namespace other differs from the namespace 'airflow' where the KubernetesExecutor of Airflow 'airflow' starts task pods");
    }

    [SkippableTheory]
    [InlineData("deploy")]
    [InlineData("destroy")]
    public async Task An_unreachable_API_server_is_reported_once_without_a_stack_trace(string step)
    {
        using var folder = new TempFolder();
        var kubeconfig = folder.Combine("kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, UnreachableKubeconfig);

        var result = await RunAsync(step, "--kubeconfig", kubeconfig);

        AssertReportedOnce(result, "Cannot reach the Kubernetes API server at https://127.0.0.1:1");
    }

    [SkippableFact]
    public async Task A_context_the_kubeconfig_lacks_is_reported_once_without_a_stack_trace()
    {
        using var folder = new TempFolder();
        var kubeconfig = folder.Combine("kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, UnreachableKubeconfig);

        var result = await RunAsync("deploy", "--kubeconfig", kubeconfig, "--kube-context", "prod");

        AssertReportedOnce(result, "has no context 'prod'; it has 'nowhere'");
    }

    [SkippableFact]
    public async Task A_missing_kubeconfig_is_reported_once_without_a_stack_trace()
    {
        using var folder = new TempFolder();

        var result = await RunAsync("destroy", "--kubeconfig", folder.Combine("missing"));

        AssertReportedOnce(result, "No kubeconfig to deploy with:");
    }

    [SkippableFact]
    public async Task A_deploy_timeout_that_is_not_a_duration_is_reported_once_without_a_stack_trace()
    {
        var result = await RunAsync("deploy", "--deploy-timeout", "soon");

        AssertReportedOnce(result, "--deploy-timeout 'soon' is not a duration");
    }

    private static async Task<ProcessResult> RunAsync(string step, params string[] switches)
    {
        Skip.IfNot(File.Exists(AppHostProcess.AssemblyPath(Example)), $"{Example} is not built next to the tests.");
        using var output = new TempFolder();
        return await AppHostProcess.RunAsync(Example, output.Path, ["--operation", "publish", "--step", step, "--output-path", output.Path, .. switches]);
    }

    private static void AssertReportedOnce(ProcessResult result, string message)
    {
        var printed = result.StandardOutput + result.StandardError;
        var lines = printed.Split('\n');
        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}\n{printed}");
        Assert.True(Occurrences(printed, message) == 1, $"'{message}' should be printed once:\n{printed}");
        Assert.DoesNotContain(lines, line => line.StartsWith("crit:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", printed, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
