using AirflowAspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting;

/// <summary>Collects resources until <see cref="Build"/> validates and freezes them into a model.</summary>
public sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly List<IResource> resources = [];
    private readonly Queue<Action<IDistributedApplicationBuilder>> finalizers = new();
    private bool built;

    internal DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        Args = options.Args;
        AppHostDirectory = AppHostLocation.ResolveDirectory(options);
        if (!Directory.Exists(AppHostDirectory))
        {
            throw new DistributedApplicationException(
                $"The AppHost folder {AppHostDirectory} does not exist; set DistributedApplicationOptions.AppHostDirectory to the AppHost project's folder.");
        }

        ApplicationName = AppHostLocation.ResolveName(options);
        Configuration = new ConfigurationBuilder()
            .SetBasePath(AppHostDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(CommandLineFlags.Normalize(options.Args))
            .Build();
        Publishing = PublishingOptions.From(Configuration);
        ExecutionContext = Publishing.Publisher is { } publisher
            ? new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish, publisher)
            : new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run);
    }

    public string[] Args { get; }

    public string ApplicationName { get; }

    public string AppHostDirectory { get; }

    public DistributedApplicationExecutionContext ExecutionContext { get; }

    public IConfiguration Configuration { get; }

    internal PublishingOptions Publishing { get; }

    public IReadOnlyList<IResource> Resources => resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        ThrowIfBuilt();
        ResourceNames.ThrowIfInvalid(resource.Name);
        if (resources.FirstOrDefault(r => r.Name == resource.Name) is { } existing)
        {
            throw new DistributedApplicationException(
                $"Cannot add {resource}: the name '{resource.Name}' is already used by {existing}. Give each resource its own name.");
        }

        resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource
    {
        if (!resources.Contains(resource))
        {
            throw new DistributedApplicationException($"{resource} is not part of this application; add it with AddResource first.");
        }

        return new ResourceBuilder<T>(resource, this);
    }

    public void OnBeforeBuild(Action<IDistributedApplicationBuilder> finalizer)
    {
        ThrowIfBuilt();
        finalizers.Enqueue(finalizer);
    }

    public DistributedApplication Build()
    {
        ThrowIfBuilt();
        BuilderInterception.OnBuild(this);
        while (finalizers.TryDequeue(out var finalizer))
        {
            finalizer(this);
        }

        var model = new DistributedApplicationModel(resources.ToList(), ApplicationName, AppHostDirectory, ExecutionContext);
        ModelValidator.Validate(model);
        foreach (var resource in resources)
        {
            resource.Annotations.Freeze();
        }

        built = true;
        return new DistributedApplication(model, Publishing, Configuration);
    }

    private void ThrowIfBuilt()
    {
        if (built)
        {
            throw new InvalidOperationException("Build() was already called; the application model can no longer change.");
        }
    }
}
