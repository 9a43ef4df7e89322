using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace AirflowAspire.Hosting.Compose;

/// <summary>
/// YAML nodes for the compose file, each scalar in a style that cannot change its type: a string that a
/// YAML 1.1 reader (compose v1 is PyYAML) could take for a number, a boolean or null is quoted.
/// </summary>
internal static partial class ComposeYaml
{
    private static readonly HashSet<string> Yaml11Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "true", "false", "on", "off", "null",
    };

    /// <summary>A string: plain when unambiguous, a literal block when it spans lines, double-quoted otherwise.</summary>
    public static YamlScalarNode Text(string value) => new(value)
    {
        Style = value.Contains('\n') && !value.Contains('\r') ? ScalarStyle.Literal
            : PlainSafe().IsMatch(value) && !Yaml11Keywords.Contains(value) ? ScalarStyle.Plain
            : ScalarStyle.DoubleQuoted,
    };

    public static YamlScalarNode Number(int value) =>
        new(value.ToString(CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };

    /// <summary>A duration as compose writes it: <c>30s</c>, or <c>1500ms</c> when not whole seconds.</summary>
    public static YamlScalarNode Duration(TimeSpan duration) => Text(
        duration.Ticks % TimeSpan.TicksPerSecond == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalSeconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalMilliseconds}ms"));

    public static YamlSequenceNode List(IEnumerable<string> items, bool flow = false) =>
        new(items.Select(i => (YamlNode)Text(i))) { Style = flow ? SequenceStyle.Flow : SequenceStyle.Block };

    public static void Set(this YamlMappingNode mapping, string key, YamlNode value) => mapping.Add(Text(key), value);

    public static void Set(this YamlMappingNode mapping, string key, string value) => mapping.Add(Text(key), Text(value));

    /// <summary>The document's text, lines never wrapped, ending in one newline.</summary>
    public static string Write(YamlNode root)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(writer, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024));
        new SerializerBuilder().Build().Serialize(emitter, root);
        return writer.ToString().ReplaceLineEndings("\n");
    }

    // A word, a path, an option (-c, --fail) or a duration (30s): nothing YAML 1.1 reads as another type.
    [GeneratedRegex("^(?:[A-Za-z_/][A-Za-z0-9_./=+-]*|-+[A-Za-z][A-Za-z0-9_./=+-]*|[0-9]+(?:ms|s|m|h))$")]
    private static partial Regex PlainSafe();
}
