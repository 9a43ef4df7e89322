using System.Text.RegularExpressions;
using AirflowAspire.DagPackager.Build;

namespace AirflowAspire.DagPackager.Release;

/// <summary>An image <c>build</c> made: <c>repository:hash12</c>.</summary>
internal sealed partial record ReleasedImage(string Repository, string Tag)
{
    public string Reference => $"{Repository}:{Tag}";

    public static ReleasedImage Parse(string reference)
    {
        var colon = reference.LastIndexOf(':');
        if (colon < 0 || colon < reference.LastIndexOf('/') || !HashTag().IsMatch(reference[(colon + 1)..]))
        {
            throw new PackagerError(
                $"'{reference}' is not an image that dag-packager build made; give it as repository:hash12, e.g. airflow-dags:3f2a9c01b7e4.");
        }

        return new ReleasedImage(RepositoryName.Check(reference[..colon]), reference[(colon + 1)..]);
    }

    /// <summary>Checks that a full DAG hash is SHA-256 hex that this image's tag starts with.</summary>
    public string CheckDagHash(string dagHash, string source)
    {
        if (!FullHash().IsMatch(dagHash) || !dagHash.StartsWith(Tag, StringComparison.Ordinal))
        {
            throw new PackagerError($"The DAG hash '{dagHash}' ({source}) is not the content hash of {Reference}: it must be 64 hex digits starting with {Tag}.");
        }

        return dagHash;
    }

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex HashTag();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex FullHash();
}
