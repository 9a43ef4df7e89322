using AirflowAspire.Hosting.ApplicationModel;
using YamlDotNet.RepresentationModel;

namespace AirflowAspire.Hosting.Publishing.Compose;

/// <summary>One container resource as a compose service, named after the resource.</summary>
internal static class ComposeService
{
    public static YamlMappingNode Render(ContainerResource container, DistributedApplicationExecutionContext context, string outputDirectory)
    {
        var service = new YamlMappingNode();
        service.Set("image", Image(container.Image));
        if (container.GetReplicas() == 1)
        {
            // A stable host name, as local runs give: RabbitMQ names its node (and data folder) after it.
            service.Set("hostname", container.Name);
        }

        if (container.GetEntrypoint() is { } entrypoint)
        {
            service.Set("entrypoint", ComposeYaml.List([ComposeValues.Escape(entrypoint)]));
        }

        var args = container.GetArgs(context);
        if (args.Count > 0)
        {
            service.Set("command", ComposeYaml.List(args.Select(ComposeValues.Render)));
        }

        var env = container.GetEnvironmentVariables(context);
        if (env.Count > 0)
        {
            var environment = new YamlMappingNode();
            foreach (var (name, value) in env)
            {
                environment.Set(name, ComposeValues.Render(value));
            }

            service.Set("environment", environment);
        }

        AddIfAny(service, "ports", ComposePorts.For(container));
        AddIfAny(service, "volumes", ComposeVolumes.For(container, outputDirectory));
        AddIfAny(service, "healthcheck", ComposeHealthCheck.For(container));
        // A run-once service (the migration) must stay exited after success, or dependants would wait forever.
        service.Set("restart", container.IsRunOnce() ? "no" : "always");
        AddIfAny(service, "depends_on", ComposeDependsOn.For(container));
        if (container.Annotations.OfType<ReplicaAnnotation>().Any())
        {
            var deploy = new YamlMappingNode();
            deploy.Set("replicas", ComposeYaml.Number(container.GetReplicas()));
            service.Set("deploy", deploy);
        }

        return service;
    }

    /// <summary>
    /// The image as the official images are addressed: <c>postgres:17.6</c>, <c>apache/airflow:3.2.2</c>;
    /// other registries in full.
    /// </summary>
    public static string Image(ContainerImageAnnotation image)
    {
        const string officialPrefix = "library/";
        var dockerHub = image.Registry is null or "docker.io";
        var name = !dockerHub ? $"{image.Registry}/{image.Image}"
            : image.Image.StartsWith(officialPrefix, StringComparison.Ordinal) ? image.Image[officialPrefix.Length..]
            : image.Image;
        return $"{name}:{image.Tag}";
    }

    private static void AddIfAny(YamlMappingNode service, string key, YamlNode? value)
    {
        if (value is not null)
        {
            service.Set(key, value);
        }
    }
}
