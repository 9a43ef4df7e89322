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
        var personal = Write(folder, "personal", """
            apiVersion: v1
            kind: Config
            current-context: prod
            clusters: [{name: dev, cluster: {server: "https://dev.example:6443"}}]
            users: [{name: me, user: {token: not-a-secret}}]
            contexts: [{name: dev, context: {cluster: dev, user: me}}]
            """);
        var team = Write(folder, "team", """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters: [{name: prod, cluster: {server: "https://prod.example:6443"}}]
            users: [{name: deployer, user: {token: not-a-secret-either}}]
            contexts: [{name: prod, context: {cluster: prod, user: deployer}}]
            """);
        var list = string.Join(Path.PathSeparator, personal, Path.Combine(folder.Path, "missing"), team);

        var current = ClusterConnection.Open(new DeploySwitches(null, DeploySwitches.DefaultTimeout, false, list));
        var named = ClusterConnection.Open(new DeploySwitches("dev", DeploySwitches.DefaultTimeout, false, list));

        // The first file names the current context; only the second holds it.
        Assert.Equal("https://prod.example:6443", current.Server);
        Assert.Equal("https://dev.example:6443", named.Server);
    }

    [Fact]
    public void ACertificatePathIsRelativeToTheFileThatNamesIt()
    {
        using var folder = new TempFolder();
        var team = Directory.CreateDirectory(Path.Combine(folder.Path, "team")).FullName;
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=team-ca", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(team, "ca.crt"), certificate.ExportCertificatePem());
        var first = Write(folder, "first", """
            apiVersion: v1
            kind: Config
            current-context: team
            """);
        var second = Path.Combine(team, "config");
        File.WriteAllText(second, """
            apiVersion: v1
            kind: Config
            clusters: [{name: team, cluster: {server: "https://team.example:6443", certificate-authority: ca.crt}}]
            users: [{name: me, user: {token: not-a-secret}}]
            contexts: [{name: team, context: {cluster: team, user: me}}]
            """);

        var api = ClusterConnection.Open(new DeploySwitches(null, DeploySwitches.DefaultTimeout, false, $"{first}{Path.PathSeparator}{second}"));

        Assert.Equal("https://team.example:6443", api.Server);
    }

    [Fact]
    public void AContextNoFileHoldsIsNamedWithTheOnesThatExist()
    {
        using var folder = new TempFolder();
        var only = Write(folder, "only", """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters: [{name: dev, cluster: {server: "https://dev.example:6443"}}]
            users: [{name: me, user: {token: not-a-secret}}]
            contexts: [{name: dev, context: {cluster: dev, user: me}}]
            """);

        var error = Assert.Throws<DistributedApplicationException>(() => ClusterConnection.Open(new DeploySwitches("prod", DeploySwitches.DefaultTimeout, false, only)));

        Assert.Contains("has no context 'prod'; it has 'dev'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACertificateThatIsNotThereIsNamedWithTheKubeconfig()
    {
        using var folder = new TempFolder();
        var config = Write(folder, "config", """
            apiVersion: v1
            kind: Config
            current-context: team
            clusters: [{name: team, cluster: {server: "https://team.example:6443", certificate-authority: certs/ca.crt}}]
            users: [{name: me, user: {token: not-a-secret}}]
            contexts: [{name: team, context: {cluster: team, user: me}}]
            """);

        var error = Assert.Throws<DistributedApplicationException>(() => ClusterConnection.Open(new DeploySwitches(null, DeploySwitches.DefaultTimeout, false, config)));

        Assert.Contains($"The kubeconfig ({config}) cannot be used:", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(folder.Path, "certs", "ca.crt"), error.Message, StringComparison.Ordinal);
    }

    private static string Write(TempFolder folder, string name, string text)
    {
        var path = Path.Combine(folder.Path, name);
        File.WriteAllText(path, text);
        return path;
    }
}
