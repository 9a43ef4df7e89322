using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace AirflowAspire.Hosting.Airflow.Settings;

/// <summary>
/// One entry of a settings file's list, e.g. <c>connections[0]</c>: its fields read as Astro CLI reads them (an
/// empty or null field is absent), with any field Astro does not know, or a value of the wrong shape, refused with
/// its line.
/// </summary>
internal sealed class SettingsEntry
{
    private readonly string file;
    private readonly Dictionary<string, YamlNode> fields = new(StringComparer.Ordinal);

    public SettingsEntry(string file, string path, YamlNode node, IReadOnlyList<string> known)
    {
        this.file = file;
        Path = path;
        Node = node;
        if (node is not YamlMappingNode mapping)
        {
            throw SettingsFileError.At(file, node.Start, $"{path} is not an entry of fields: write its fields ({string.Join(", ", known)}) under a \"- \".");
        }

        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name))
            {
                throw SettingsFileError.At(file, key.Start, $"{path} has the field \"{name}\", which is not one of {string.Join(", ", known)}: rename or remove it.");
            }

            fields[name] = value;
        }
    }

    /// <summary>Where the entry is, e.g. <c>connections[0]</c>.</summary>
    public string Path { get; }

    public YamlNode Node { get; }

    /// <summary>Whether every field but <paramref name="ignoring"/> is absent: the placeholder entry of <c>astro dev init</c>'s file.</summary>
    public bool IsBlank(params string[] ignoring) =>
        fields.Where(f => !ignoring.Contains(f.Key)).All(f => f.Value is YamlScalarNode scalar && IsNull(scalar));

    /// <summary>The field's node; null when absent or null.</summary>
    public YamlNode? Field(string name) =>
        fields.TryGetValue(name, out var node) && !(node is YamlScalarNode scalar && IsNull(scalar)) ? node : null;

    /// <summary>The field's text; null when absent, null or empty.</summary>
    public string? Text(string name)
    {
        switch (Field(name))
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return string.IsNullOrEmpty(scalar.Value) ? null : scalar.Value;
            case var other:
                throw Error(other, name, "is not text: give one value on the line of the field");
        }
    }

    /// <summary>The field's whole number; null when absent.</summary>
    public int? Number(string name, string notANumber)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Error(fields[name], name, $"\"{text}\" {notANumber}");
    }

    /// <summary>An error about the field <paramref name="name"/>, at <paramref name="node"/>'s line.</summary>
    public SettingsFileError Error(YamlNode node, string name, string problem) =>
        SettingsFileError.At(file, node.Start, $"{Path}.{name} {problem}");

    /// <summary>An error about the field <paramref name="name"/>, at its line (or the entry's when it is absent).</summary>
    public SettingsFileError Error(string name, string problem) =>
        Error(fields.GetValueOrDefault(name) ?? Node, name, problem);

    /// <summary>A declaration's own error (an id twice, say) with the entry's line.</summary>
    public SettingsFileError Error(DistributedApplicationException declaration) =>
        SettingsFileError.At(file, Node.Start, $"{Path}: {declaration.Message}", declaration);

    /// <summary>Whether YAML reads the scalar as null: empty, <c>~</c> or <c>null</c>, unquoted.</summary>
    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
