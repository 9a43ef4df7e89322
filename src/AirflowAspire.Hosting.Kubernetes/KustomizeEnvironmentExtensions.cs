using AirflowAspire.Hosting.Kubernetes;
using AirflowAspire.Hosting.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aspire.Hosting;

/// <summary>Adds a kustomize environment, which publishes the whole model for <c>kubectl apply -k</c>.</summary>
public static class KustomizeEnvironmentExtensions
{
    /// <summary>
    /// A kustomize tree of the whole model, written by <c>--operation publish --step publish</c> (or <c>aspire publish</c>)
    /// into <c>&lt;output-path&gt;/<paramref name="name"/></c>. Reads <c>--namespace</c>, <c>--name-prefix</c> and
    /// <c>--rotate-secrets</c>. Local runs leave it out of the model.
    /// </summary>
    public static IResourceBuilder<KustomizeEnvironmentResource> AddKustomizeEnvironment(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var resource = new KustomizeEnvironmentResource(name);
        builder.Services.TryAddSingleton<ReportedStepFailures>();
        builder.Services.TryAddSingleton<KustomizePublications>();
        return builder.ExecutionContext.IsRunMode
            ? builder.CreateResourceBuilder(resource)
            : builder.AddResource(resource).ExcludeFromManifest();
    }

    /// <summary>The namespace everything is deployed to, unless <c>--namespace</c> says otherwise.</summary>
    public static IResourceBuilder<KustomizeEnvironmentResource> WithNamespace(this IResourceBuilder<KustomizeEnvironmentResource> builder, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        builder.Resource.Namespace = @namespace;
        return builder;
    }

    /// <summary>Prefixed to every object name, unless <c>--name-prefix</c> says otherwise; two prefixes share a namespace.</summary>
    public static IResourceBuilder<KustomizeEnvironmentResource> WithNamePrefix(this IResourceBuilder<KustomizeEnvironmentResource> builder, string prefix)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        builder.Resource.NamePrefix = prefix;
        return builder;
    }

    /// <summary>The kubeconfig context deploy and destroy use, unless <c>--kube-context</c> says otherwise; the current context by default.</summary>
    public static IResourceBuilder<KustomizeEnvironmentResource> WithKubeContext(this IResourceBuilder<KustomizeEnvironmentResource> builder, string context)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(context);
        builder.Resource.KubeContext = context;
        return builder;
    }

    /// <summary>How long deploy waits for every workload to be ready (5 minutes unless set), unless <c>--deploy-timeout</c> says otherwise.</summary>
    public static IResourceBuilder<KustomizeEnvironmentResource> WithDeployTimeout(this IResourceBuilder<KustomizeEnvironmentResource> builder, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        builder.Resource.DeployTimeout = timeout;
        return builder;
    }
}
