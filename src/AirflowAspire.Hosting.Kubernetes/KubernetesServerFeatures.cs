using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// What the server a tree is rendered for can run, where that changes the objects. A publish renders for current
/// Kubernetes, or for the version given with <c>--kube-version</c>; a deploy renders for the server it finds.
/// </summary>
/// <param name="Version">The server's version as users know it, e.g. <c>v1.20.2</c>.</param>
/// <param name="NativeSidecars">Init containers with <c>restartPolicy: Always</c> keep running beside the pod (1.29 and later).</param>
internal sealed partial record KubernetesServerFeatures(string Version, bool NativeSidecars)
{
    public const string VersionSwitch = "kube-version";

    public static KubernetesServerFeatures Current { get; } = new("1.29 or later", NativeSidecars: true);

    public static KubernetesServerFeatures Of(string version, int minor) => new(version, NativeSidecars: minor >= 29);

    /// <summary>The features of the version <c>--kube-version</c> names, e.g. <c>1.20</c> or <c>v1.28.3</c>; current Kubernetes without it.</summary>
    public static KubernetesServerFeatures FromConfiguration(IConfiguration configuration)
    {
        var text = configuration[VersionSwitch];
        if (string.IsNullOrWhiteSpace(text))
        {
            return Current;
        }

        var match = VersionPattern().Match(text.Trim());
        if (!match.Success || match.Groups["major"].Value != "1")
        {
            throw new DistributedApplicationException(
                $"--{VersionSwitch} '{text}' is not a Kubernetes version. Give the version of the cluster the tree is for as MAJOR.MINOR, " +
                $"e.g. --{VersionSwitch} 1.28 (`kubectl version` prints the server's), or leave it out for current Kubernetes.");
        }

        return Of(text.Trim(), int.Parse(match.Groups["minor"].Value, NumberStyles.None, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^v?(?<major>\d+)\.(?<minor>\d{1,3})(\.\d+)?$")]
    private static partial Regex VersionPattern();
}
