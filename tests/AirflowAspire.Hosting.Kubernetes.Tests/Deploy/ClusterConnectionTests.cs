using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Deploy;

/// <summary>Which cluster deploy talks to, from the kubeconfig files it is given; nothing is contacted.</summary>
public sealed class ClusterConnectionTests
{
    [Fact]
    public void TheFilesOfAListAreMergedAsKubectlMergesThem()
    {
        using var folder = new TempFolder();
        var personal = Write(folder.Path, "personal", Kubeconfig(currentContext: "prod", cluster: "dev"));
        var team = Write(folder.Path, "team", Kubeconfig(currentContext: "dev", cluster: "prod"));
        var list = string.Join(Path.PathSeparator, personal, Path.Combine(folder.Path, "missing"), team);

        // The first file names the current context; only the second holds it.
        Assert.Equal("https://prod.example:6443", Open(null, list).Server);
        Assert.Equal("https://dev.example:6443", Open("dev", list).Server);
    }

    [Fact]
    public void ACertificatePathIsRelativeToTheFileThatNamesIt()
    {
        using var folder = new TempFolder();
        var team = Directory.CreateDirectory(Path.Combine(folder.Path, "team")).FullName;
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=team-ca", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Write(team, "ca.crt", certificate.ExportCertificatePem());
        var first = Write(folder.Path, "first", Kubeconfig(currentContext: "team"));
        var second = Write(team, "config", Kubeconfig(currentContext: null, cluster: "team", certificateAuthority: "ca.crt"));

        Assert.Equal("https://team.example:6443", Open(null, $"{first}{Path.PathSeparator}{second}").Server);
    }

    [Fact]
    public void AContextNoFileHoldsIsNamedWithTheOnesThatExist()
    {
        using var folder = new TempFolder();
        var only = Write(folder.Path, "only", Kubeconfig(currentContext: "dev", cluster: "dev"));

        var error = Assert.Throws<DistributedApplicationException>(() => Open("prod", only));

        Assert.Contains("has no context 'prod'; it has 'dev'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACertificateThatIsNotThereIsNamedWithTheKubeconfig()
    {
        using var folder = new TempFolder();
        var config = Write(folder.Path, "config", Kubeconfig(currentContext: "team", cluster: "team", certificateAuthority: "certs/ca.crt"));

        var error = Assert.Throws<DistributedApplicationException>(() => Open(null, config));

        Assert.Contains($"The kubeconfig ({config}) cannot be used:", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(folder.Path, "certs", "ca.crt"), error.Message, StringComparison.Ordinal);
    }

    private static ClusterApi Open(string? context, string kubeconfig) =>
        ClusterConnection.Open(new DeploySwitches(context, DeploySwitches.DefaultTimeout, false, kubeconfig));

    /// <summary>A kubeconfig with one cluster <c>https://{cluster}.example:6443</c> and a context of that name, or with only a current context.</summary>
    private static string Kubeconfig(string? currentContext, string? cluster = null, string? certificateAuthority = null)
    {
        var lines = new List<string> { "apiVersion: v1", "kind: Config" };
        if (currentContext is not null)
        {
            lines.Add($"current-context: {currentContext}");
        }

        if (cluster is not null)
        {
            var authority = certificateAuthority is null ? string.Empty : $", certificate-authority: {certificateAuthority}";
            lines.Add($"clusters: [{{name: {cluster}, cluster: {{server: \"https://{cluster}.example:6443\"{authority}}}}}]");
            lines.Add($"users: [{{name: {cluster}-user, user: {{token: not-a-secret}}}}]");
            lines.Add($"contexts: [{{name: {cluster}, context: {{cluster: {cluster}, user: {cluster}-user}}}}]");
        }

        return string.Join('\n', lines) + "\n";
    }

    private static string Write(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
