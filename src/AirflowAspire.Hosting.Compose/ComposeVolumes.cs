using YamlDotNet.RepresentationModel;

namespace AirflowAspire.Hosting.Compose;

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
        var mounts = Mounts(container);
        if (mounts.Count == 0)
        {
            return null;
        }

        var entries = new YamlSequenceNode();
        foreach (var mount in mounts)
        {
            var source = mount.Type == ContainerMountType.BindMount ? RelativeSource(mount.Source!, outputDirectory) : mount.Source;
            if (source?.Contains(':') == true || mount.Target.Contains(':'))
            {
                throw new DistributedApplicationException(
                    $"Resource '{container.Name}' mounts '{mount.Source}' at '{mount.Target}'; a compose mount cannot have ':' in either path.");
            }

            var entry = source is null ? mount.Target : $"{source}:{mount.Target}";
            entries.Add(ComposeYaml.Text(ComposeValues.Escape(entry + (mount.IsReadOnly ? ":ro" : ""))));
        }

        return entries;
    }

    /// <summary>The top-level <c>volumes</c>: every named volume once, by name.</summary>
    public static YamlMappingNode? Declarations(IEnumerable<ContainerResource> containers)
    {
        var names = containers.SelectMany(Mounts)
            .Where(m => m.Type == ContainerMountType.Volume && m.Source is not null)
            .Select(m => m.Source!)
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

    private static List<ContainerMountAnnotation> Mounts(ContainerResource container) =>
        container.Annotations.OfType<ContainerMountAnnotation>().ToList();

    /// <summary>Relative to the compose file's folder and starting with <c>.</c>, which is how compose tells a path from a volume name.</summary>
    private static string RelativeSource(string source, string outputDirectory)
    {
        var relative = Path.GetRelativePath(outputDirectory, source).Replace('\\', '/');
        return Path.IsPathRooted(relative) || relative.StartsWith('.') ? relative : "./" + relative;
    }
}
