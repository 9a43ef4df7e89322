namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// A kustomize <c>replacements</c> entry: copies part of one field into another when the tree is built, so a
/// value written in two places (an image and the setting that repeats it) cannot drift after an edit of
/// <c>images:</c>. The source is split at <paramref name="Delimiter"/> and part <paramref name="Index"/> is copied.
/// </summary>
internal sealed record KustomizeReplacement(
    string SourceKind,
    string SourceName,
    string SourceFieldPath,
    string Delimiter,
    int Index,
    string TargetKind,
    string TargetName,
    string TargetFieldPath)
{
    public Dictionary<string, object> ToYaml() => new()
    {
        ["source"] = new Dictionary<string, object>
        {
            ["kind"] = SourceKind,
            ["name"] = SourceName,
            ["fieldPath"] = SourceFieldPath,
            ["options"] = new Dictionary<string, object> { ["delimiter"] = Delimiter, ["index"] = Index },
        },
        ["targets"] = new List<object>
        {
            new Dictionary<string, object>
            {
                ["select"] = new Dictionary<string, string> { ["kind"] = TargetKind, ["name"] = TargetName },
                ["fieldPaths"] = new List<string> { TargetFieldPath },
            },
        },
    };
}
