using AirflowAspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting;

/// <summary>Declares the application: every resource is added here, and nothing else writes the model.</summary>
public interface IDistributedApplicationBuilder
{
    /// <summary>A DNS label naming the application; volumes and networks are prefixed with it.</summary>
    string ApplicationName { get; }

    /// <summary>The AppHost project's folder; relative paths in the model are relative to it.</summary>
    string AppHostDirectory { get; }

    DistributedApplicationExecutionContext ExecutionContext { get; }

    IConfiguration Configuration { get; }

    IReadOnlyList<IResource> Resources { get; }

    IResourceBuilder<T> AddResource<T>(T resource) where T : IResource;

    /// <summary>A builder for a resource already in the model, to change it further.</summary>
    IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource;

    /// <summary>
    /// Runs <paramref name="finalizer"/> at <see cref="Build"/>, before validation. Integrations whose
    /// shape depends on settings made after <c>AddX</c> (Airflow's components) create their parts here.
    /// </summary>
    void OnBeforeBuild(Action<IDistributedApplicationBuilder> finalizer);

    DistributedApplication Build();
}
