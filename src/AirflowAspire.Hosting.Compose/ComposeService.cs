using YamlDotNet.RepresentationModel;

namespace AirflowAspire.Hosting.Compose;

/// <summary>One container of the model as a compose service, named after the resource.</summary>
internal static class ComposeService
{
    public static YamlMappingNode Render(ComposeServiceSource source, ComposeProject project)
    {
        var container = source.Container;
        var service = new YamlMappingNode();
        service.Set("image", ComposeImage.Reference(container));
        var replicas = container.GetReplicaCount();
        if (replicas == 1)
        {
            // A stable host name, as local runs give: RabbitMQ names its node (and data folder) after it.
            service.Set("hostname", container.Name);
        }

        AddIfAny(service, "labels", Labels(container));
        if (!string.IsNullOrEmpty(container.Entrypoint))
        {
            service.Set("entrypoint", ComposeYaml.List([ComposeValues.Escape(container.Entrypoint)]));
        }

        if (source.Arguments.Count > 0)
        {
            service.Set("command", ComposeYaml.List(source.Arguments.Select(project.Values.Render)));
        }

        if (source.Environment.Count > 0)
        {
            var environment = new YamlMappingNode();
            foreach (var (name, value) in source.Environment)
            {
                environment.Set(name, project.Values.Render(value));
            }

            service.Set("environment", environment);
        }

        AddIfAny(service, "ports", ComposePorts.For(container));
        AddIfAny(service, "volumes", ComposeVolumes.For(container, project.OutputDirectory));
        AddIfAny(service, "healthcheck", KnownHealthChecks.For(container)?.ToYaml());
        // A run-once service (the migration) must stay exited after success, or dependants would wait forever.
        service.Set("restart", project.IsRunOnce(container) ? "no" : "always");
        AddIfAny(service, "depends_on", ComposeDependsOn.For(container, project.Services));
        if (container.Annotations.OfType<ReplicaAnnotation>().Any())
        {
            var deploy = new YamlMappingNode();
            deploy.Set("replicas", ComposeYaml.Number(replicas));
            service.Set("deploy", deploy);
        }

        return service;
    }

    private static YamlMappingNode? Labels(ContainerResource container)
    {
        var labels = ComposeTemplates.All.SelectMany(t => t.Labels(container)).ToList();
        if (labels.Count == 0)
        {
            return null;
        }

        var node = new YamlMappingNode();
        foreach (var (name, value) in labels)
        {
            node.Set(name, ComposeValues.Escape(value));
        }

        return node;
    }

    private static void AddIfAny(YamlMappingNode service, string key, YamlNode? value)
    {
        if (value is not null)
        {
            service.Set(key, value);
        }
    }
}
