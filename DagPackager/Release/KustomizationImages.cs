using AirflowAspire.DagPackager.Build;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace AirflowAspire.DagPackager.Release;

/// <summary>
/// Points the Airflow entries of a kustomization's <c>images:</c> list at a released image
/// (<c>newName</c>, <c>newTag</c>; a <c>digest</c> would win over the tag, so it goes). The YAML is parsed to
/// find the entries, and only their values are edited in the text: comments, order, quoting and every
/// other line stay as they were.
/// </summary>
internal static class KustomizationImages
{
    public static readonly string[] FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    /// <summary>The kustomization file of a folder, or the file itself.</summary>
    public static string Locate(string path)
    {
        if (File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        if (Directory.Exists(path) && FileNames.Select(name => Path.Combine(path, name)).FirstOrDefault(File.Exists) is { } file)
        {
            return Path.GetFullPath(file);
        }

        throw new PackagerError($"No kustomization at {Path.GetFullPath(path)}: give a folder that holds a kustomization.yaml, or the file itself.");
    }

    /// <summary>The text with every matching entry pointed at <paramref name="repository"/>:<paramref name="tag"/>.</summary>
    /// <param name="imageNames">The <c>name:</c> values that stand for the Airflow image.</param>
    public static string Update(string text, string file, IReadOnlyCollection<string> imageNames, string repository, string tag)
    {
        var entries = Entries(text, file)
            .Where(entry => imageNames.Contains(Scalar(entry, "name") ?? string.Empty) || Scalar(entry, "newName") == repository)
            .ToList();
        if (entries.Count == 0)
        {
            throw new PackagerError(
                $"{file} has no images: entry for the Airflow image (name: {string.Join(" or ", imageNames)}); " +
                $"add one, e.g.\nimages:\n- name: {imageNames.First()}\n  newTag: \"...\"");
        }

        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var edits = entries.SelectMany(entry => Edits(text, entry, repository, tag, newline)).ToList();
        var updated = text;
        foreach (var (start, end, replacement) in edits.OrderByDescending(e => e.Start).ThenByDescending(e => e.End))
        {
            updated = updated[..start] + replacement + updated[end..];
        }

        // The edit is done on text, so check the result the way kustomize will read it.
        var check = Entries(updated, file).Where(entry => Scalar(entry, "newName") == repository).ToList();
        if (check.Count != entries.Count || check.Any(entry => Scalar(entry, "newTag") != tag || Key(entry, "digest") is not null))
        {
            throw new InvalidOperationException($"Editing the images: of {file} went wrong; the file was left unchanged.");
        }

        return updated;
    }

    private static IEnumerable<YamlMappingNode> Entries(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new PackagerError($"{file} is not valid YAML: {e.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PackagerError($"{file} is not a kustomization (no mapping at the top).");
        }

        return root.Children.TryGetValue(new YamlScalarNode("images"), out var images) && images is YamlSequenceNode list
            ? list.OfType<YamlMappingNode>()
            : [];
    }

    private static IEnumerable<(int Start, int End, string Replacement)> Edits(string text, YamlMappingNode entry, string repository, string tag, string newline)
    {
        var values = new[] { ("newName", Quote(repository)), ("newTag", Quote(tag)) };
        if (entry.Style == MappingStyle.Flow)
        {
            yield return FlowEdit(text, entry, values);
            yield break;
        }

        var missing = new List<string>();
        foreach (var (key, value) in values)
        {
            if (Key(entry, key) is { } pair)
            {
                yield return (Index(pair.Value.Start), Index(pair.Value.End), value);
            }
            else
            {
                missing.Add($"{key}: {value}");
            }
        }

        if (Key(entry, "digest") is { } digest)
        {
            var lineStart = text.LastIndexOf('\n', Math.Max(0, Index(digest.Key.Start) - 1)) + 1;
            var alone = string.IsNullOrWhiteSpace(text[lineStart..Index(digest.Key.Start)]);
            yield return alone
                ? (lineStart, LineEnd(text, Index(digest.Value.End)), string.Empty)
                : (Index(digest.Key.Start), Index(digest.Value.End), string.Empty);
        }

        if (missing.Count > 0)
        {
            // New keys go on their own lines right after the name, indented like the entry's first key.
            var first = entry.Children.First().Key;
            var indent = new string(' ', (int)first.Start.Column - 1);
            var name = Key(entry, "name") ?? entry.Children.First();
            var at = LineEnd(text, Index(name.Value.End));
            var lines = string.Concat(missing.Select(line => indent + line + newline));
            yield return at == text.Length && !text.EndsWith('\n') ? (at, at, newline + lines.TrimEnd('\r', '\n')) : (at, at, lines);
        }
    }

    // A flow entry ({name: x, newTag: y}) is written again in flow style, its other keys kept as they were.
    private static (int, int, string) FlowEdit(string text, YamlMappingNode entry, (string Key, string Value)[] values)
    {
        var kept = entry.Children
            .Where(pair => pair.Key is not YamlScalarNode { Value: "newName" or "newTag" or "digest" })
            .Select(pair => text[Index(pair.Key.Start)..Index(pair.Value.End)]);
        var start = Index(entry.Start);
        var end = text.IndexOf('}', entry.Children.Max(pair => Index(pair.Value.End))) + 1;
        return (start, end, "{" + string.Join(", ", kept.Concat(values.Select(v => $"{v.Key}: {v.Value}"))) + "}");
    }

    private static KeyValuePair<YamlNode, YamlNode>? Key(YamlMappingNode entry, string key) =>
        entry.Children.FirstOrDefault(pair => pair.Key is YamlScalarNode scalar && scalar.Value == key) is { Key: not null } found ? found : null;

    private static string? Scalar(YamlMappingNode entry, string key) => (Key(entry, key)?.Value as YamlScalarNode)?.Value;

    // The index just past the end of the line that holds position `at` (past its newline), or the text's end.
    private static int LineEnd(string text, int at)
    {
        var newline = text.IndexOf('\n', at);
        return newline < 0 ? text.Length : newline + 1;
    }

    private static int Index(Mark mark) => checked((int)mark.Index);

    // Always quoted: a tag of digits (or digits with one 'e') would otherwise read as a number.
    private static string Quote(string value) => "\"" + value + "\"";
}
