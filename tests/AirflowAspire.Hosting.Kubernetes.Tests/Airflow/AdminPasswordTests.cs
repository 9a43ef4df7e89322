using System.Text.RegularExpressions;
using k8s.Models;
using static AirflowAspire.Hosting.Kubernetes.Tests.Airflow.AirflowObjects;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>
/// The admin password reaches <c>airflow users create</c> on its standard input, never in a process's arguments:
/// no container's command or arguments hold its value, a <c>--password</c>, or a <c>$(VAR)</c> of a variable read
/// from its Secret key (the kubelet expands those into the process's argv, which <c>ps</c> and the pod show).
/// </summary>
public sealed partial class AdminPasswordTests
{
    private const string SecretKeyName = "airflow-admin-password";

    [SkippableTheory]
    [InlineData("deployments", null)]
    [InlineData("standalone", "1.29")]
    [InlineData("standalone", "1.20")]
    public async Task NoContainerCarriesTheAdminPasswordInItsArguments(string layout, string? kubeVersion)
    {
        using var test = kubeVersion is null ? TestApp.CreateForPublish() : TestApp.CreateForPublish($"--kube-version={kubeVersion}");
        var airflow = test.AddAirflowWithDatabase(postgresVolume: true).WithLocalExecutor();
        if (layout == "standalone")
        {
            airflow.PublishAsStandalonePod();
        }

        using var cluster = await test.PublishAsync();
        var password = cluster.SecretValues[SecretKeyName];
        var containers = cluster.AirflowPods().SelectMany(p => AllContainers(p.Spec)).ToList();

        // Some container reads the password from the Secret, as an environment variable.
        Assert.Contains(containers, c => (c.Env ?? []).Any(e => e.ValueFrom?.SecretKeyRef?.Key == SecretKeyName));
        foreach (var container in containers)
        {
            var fromSecret = (container.Env ?? []).Where(e => e.ValueFrom?.SecretKeyRef?.Key == SecretKeyName).Select(e => e.Name).ToHashSet();
            foreach (var word in (container.Command ?? []).Concat(container.Args ?? []))
            {
                Assert.DoesNotContain(password, word, StringComparison.Ordinal);
                Assert.DoesNotContain("--password", word, StringComparison.Ordinal);
                Assert.DoesNotContain(KubeletReference().Matches(word), m => fromSecret.Contains(m.Groups[1].Value));
            }
        }
    }

    [SkippableFact]
    public async Task TheJobsCreateUserContainerPipesThePasswordFromItsVariableIntoUsersCreate()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithLocalExecutor();
        using var cluster = await test.PublishAsync();

        var createUser = Container(cluster.Get<V1Job>("airflow-init"), "create-user");
        Assert.Null(createUser.Command);
        Assert.Equal(new[] { "bash", "-c" }, createUser.Args.Take(2));
        Assert.Equal(3, createUser.Args.Count);
        Assert.StartsWith(
            "printf '%s\\n%s\\n' \"$AIRFLOWASPIRE_ADMIN_PASSWORD\" \"$AIRFLOWASPIRE_ADMIN_PASSWORD\" | airflow users create --username \"$AIRFLOWASPIRE_ADMIN_USERNAME\"",
            createUser.Args[2], StringComparison.Ordinal);
        Assert.Equal(SecretKeyName, SecretKey(createUser, "AIRFLOWASPIRE_ADMIN_PASSWORD"));
        Assert.Equal("admin", Env(createUser, "AIRFLOWASPIRE_ADMIN_USERNAME")?.Value);

        // The migration does not need the password.
        Assert.Null(Env(Container(cluster.Get<V1Job>("airflow-init"), "migrate"), "AIRFLOWASPIRE_ADMIN_PASSWORD"));
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex KubeletReference();
}
