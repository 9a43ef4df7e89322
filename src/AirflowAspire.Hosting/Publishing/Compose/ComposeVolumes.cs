using AirflowAspire.Hosting.ApplicationModel;
using YamlDotNet.RepresentationModel;

namespace AirflowAspire.Hosting.Publishing.Compose;

/// <summary>
/// Mounts: a named volume keeps the model's name and is declared at the top level without <c>name:</c>, so
/// compose scopes it to its project: a compose deployment never shares a volume (and the password its data
/// was made with) with a local run of the same model. A bind mount is a path relative to the compose file.
/// </summary>
internal static class ComposeVolumes
{
    /// <summary>The service's <c>volumes</c> in the short form, <c>source:target[:ro]</c>.</summary>
    public static YamlSequenceNode? For(ContainerResource container, string outputDirectory)
    {
        var mounts = container.GetMounts();
        if (mounts.Count == 0)
        {
            return null;
        }

        var entries = new YamlSequenceNode();
        foreach (var mount in mounts)
        {
            var source = mount.Type == ContainerMountType.Volume ? mount.Source : RelativeSource(mount.Source, outputDirectory);
            if (source.Contains(':') || mount.Target.Contains(':'))
            {
                throw new DistributedApplicationException(
                    $"Resource '{container.Name}' mounts '{mount.Source}' at '{mount.Target}'; a compose mount cannot have ':' in either path.");
            }

            entries.Add(ComposeYaml.Text(ComposeValues.Escape($"{source}:{mount.Target}{(mount.IsReadOnly ? ":ro" : "")}")));
        }

        return entries;
    }

    /// <summary>The top-level <c>volumes</c>: every named volume once, by name.</summary>
    public static YamlMappingNode? Declarations(IEnumerable<ContainerResource> containers)
    {
        var names = containers.SelectMany(c => c.GetMounts())
            .Where(m => m.Type == ContainerMountType.Volume)
            .Select(m => m.Source)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            return null;
        }

        var volumes = new YamlMappingNode();
        foreach (var name in names)
        {
            volumes.Set(name, new YamlMappingNode());
        }

        return volumes;
    }

    /// <summary>Relative to the compose file's folder and starting with <c>.</c>, which is how compose tells a path from a volume name.</summary>
    private static string RelativeSource(string source, string outputDirectory)
    {
        var relative = Path.GetRelativePath(outputDirectory, source).Replace('\\', '/');
        return Path.IsPathRooted(relative) || relative.StartsWith('.') ? relative : "./" + relative;
    }
}
