using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AirflowAspire.Hosting.Compose.Tests.TestSupport;

/// <summary>A parsed compose file, read the way tests ask about it: services, their keys, lists and mappings.</summary>
public sealed class ComposeDocument
{
    private ComposeDocument(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public YamlMappingNode Services => Mapping(Root, "services");

    public IReadOnlyList<string> ServiceNames => Services.Children.Keys.Select(Text).ToList();

    public static ComposeDocument Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return new ComposeDocument((YamlMappingNode)stream.Documents.Single().RootNode);
    }

    public YamlMappingNode Service(string name) => Mapping(Services, name);

    public static bool Has(YamlMappingNode mapping, string key) => mapping.Children.ContainsKey(new YamlScalarNode(key));

    public static YamlNode Get(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? value
            : throw new Xunit.Sdk.XunitException($"No key '{key}' in: {string.Join(", ", mapping.Children.Keys.Select(Text))}");

    public static YamlMappingNode Mapping(YamlMappingNode mapping, string key) => (YamlMappingNode)Get(mapping, key);

    public static YamlScalarNode Scalar(YamlMappingNode mapping, string key) => (YamlScalarNode)Get(mapping, key);

    public static string Value(YamlMappingNode mapping, string key) => Scalar(mapping, key).Value!;

    public static List<string> List(YamlMappingNode mapping, string key) =>
        ((YamlSequenceNode)Get(mapping, key)).Children.Select(Text).ToList();

    public static Dictionary<string, string> EnvironmentOf(YamlMappingNode service) =>
        Mapping(service, "environment").Children.ToDictionary(e => Text(e.Key), e => Text(e.Value));

    /// <summary>What a YAML 1.1 reader (PyYAML, compose v1) would make of the scalar if it were not a string.</summary>
    public static bool ReadsAsString(YamlScalarNode scalar) =>
        scalar.Style != ScalarStyle.Plain
        || !(System.Text.RegularExpressions.Regex.IsMatch(scalar.Value!, "^[-+]?[0-9._:]+$")
             || new[] { "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "" }.Contains(scalar.Value!.ToLowerInvariant()));

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value!;
}
