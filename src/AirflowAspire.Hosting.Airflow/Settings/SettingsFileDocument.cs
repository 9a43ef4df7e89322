using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AirflowAspire.Hosting.Airflow.Settings;

/// <summary>
/// An Astro CLI <c>airflow_settings.yaml</c>: <c>airflow:</c> with the lists <c>connections</c>, <c>pools</c> and
/// <c>variables</c>, each entry a mapping of the fields Astro reads (settings/types.go of astronomer/astro-cli). Astro
/// ignores keys it does not know; here they are refused with their line, since a misspelt section would otherwise
/// declare nothing without a word.
/// </summary>
internal sealed class SettingsFileDocument
{
    private static readonly string[] Sections = ["connections", "pools", "variables"];

    private readonly Dictionary<string, YamlSequenceNode> sections = new(StringComparer.Ordinal);

    private SettingsFileDocument(string name) => Name = name;

    /// <summary>The file as errors name it: the path the AppHost gave.</summary>
    public string Name { get; }

    /// <summary>Reads <paramref name="fullPath"/>; a missing file, a YAML syntax error or a wrong shape is an error naming the file.</summary>
    public static SettingsFileDocument Load(string name, string fullPath)
    {
        if (!File.Exists(fullPath))
        {
            throw new DistributedApplicationException(
                $"The Airflow settings file {fullPath} does not exist: give its path relative to the AppHost's folder, or an absolute one " +
                "(Astro CLI projects keep it at their root as airflow_settings.yaml).");
        }

        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(fullPath);
            yaml.Load(reader);
        }
        catch (YamlException error)
        {
            // YamlDotNet starts its message with the marks, "(Line: 3, Col: 5, Idx: 40) - (...): ", which the line says already.
            var problem = error.Message[(error.Message.IndexOf("): ", StringComparison.Ordinal) + 1)..].TrimStart(':', ' ');
            throw SettingsFileError.At(name, error.Start, $"is not valid YAML ({problem}): correct the line or the one before it.");
        }

        var document = new SettingsFileDocument(name);
        if (yaml.Documents.Count > 0 && yaml.Documents[0].RootNode is not YamlScalarNode { Value: null or "" })
        {
            document.Read(yaml.Documents[0].RootNode);
        }

        return document;
    }

    /// <summary>The entries of a section (<c>connections</c>, <c>pools</c>, <c>variables</c>), each with the fields it may have.</summary>
    public IEnumerable<SettingsEntry> Entries(string section, IReadOnlyList<string> fields) =>
        sections.TryGetValue(section, out var list)
            ? list.Children.Select((node, i) => new SettingsEntry(Name, $"{section}[{i}]", node, fields))
            : [];

    private void Read(YamlNode root)
    {
        var airflow = Only(root, "the file", ["airflow"]).GetValueOrDefault("airflow");
        if (airflow is null or YamlScalarNode { Value: null or "" })
        {
            return;
        }

        foreach (var (section, node) in Only(airflow, "airflow", Sections))
        {
            switch (node)
            {
                case YamlSequenceNode list:
                    sections[section] = list;
                    break;
                case YamlScalarNode { Value: null or "" }:
                    break;
                default:
                    throw SettingsFileError.At(Name, node.Start, $"airflow.{section} is not a list: write each entry on a line starting with \"- \".");
            }
        }
    }

    private Dictionary<string, YamlNode> Only(YamlNode node, string what, string[] keys)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw SettingsFileError.At(Name, node.Start, $"{what} is not a mapping: it holds {string.Join(", ", keys.Select(k => k + ":"))}.");
        }

        var children = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!keys.Contains(name))
            {
                throw SettingsFileError.At(Name, key.Start,
                    $"{what} has the key \"{name}\", which Astro's settings do not: use {string.Join(", ", keys)}.");
            }

            children[name] = value;
        }

        return children;
    }
}
