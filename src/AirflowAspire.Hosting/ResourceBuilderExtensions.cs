using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting;

/// <summary>Environment, arguments, references and waiting, for any resource that supports them.</summary>
public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, ReferenceExpression value)
        where T : IResourceWithEnvironment =>
        builder.WithEnvironment(context => context.EnvironmentVariables[name] = value);

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : IResourceWithEnvironment =>
        builder.WithEnvironment(name, ReferenceExpression.Literal(value));

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter)
        where T : IResourceWithEnvironment
    {
        ThrowIfForeign(builder, parameter);
        return builder.WithEnvironment(name, ReferenceExpression.Of(parameter.Resource));
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, Action<EnvironmentCallbackContext> callback)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new EnvironmentCallbackAnnotation(callback));

    public static IResourceBuilder<T> WithArgs<T>(this IResourceBuilder<T> builder, params string[] args) where T : IResourceWithArgs =>
        builder.WithArgs(context => context.Args.AddRange(args.Select(ReferenceExpression.Literal)));

    public static IResourceBuilder<T> WithArgs<T>(this IResourceBuilder<T> builder, Action<CommandLineArgsCallbackContext> callback)
        where T : IResourceWithArgs =>
        builder.WithAnnotation(new CommandLineArgsCallbackAnnotation(callback));

    public static IResourceBuilder<T> WithEndpoint<T>(
        this IResourceBuilder<T> builder,
        string name,
        int targetPort,
        int? port = null,
        string scheme = "tcp",
        bool isExternal = false)
        where T : IResourceWithEndpoints
    {
        var transport = scheme is "http" or "https" ? "http" : "tcp";
        var endpoint = new EndpointAnnotation(name, targetPort, port, scheme, transport, isExternal);
        EndpointRules.ThrowIfInvalid(builder.Resource.Name, endpoint);
        if (builder.Resource.GetEndpoints().Any(e => e.Name == name))
        {
            throw new DistributedApplicationException(
                $"Resource '{builder.Resource.Name}' already has an endpoint named '{name}'. Give each endpoint its own name.");
        }

        return builder.WithAnnotation(endpoint);
    }

    /// <summary>An HTTP endpoint, named <c>http</c> by default so Aspire tools can build its URL.</summary>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(
        this IResourceBuilder<T> builder, int targetPort, int? port = null, string name = "http", bool isExternal = false)
        where T : IResourceWithEndpoints =>
        builder.WithEndpoint(name, targetPort, port, "http", isExternal);

    /// <summary>Sets or changes the fixed host port of an endpoint for local runs.</summary>
    public static IResourceBuilder<T> WithHostPort<T>(this IResourceBuilder<T> builder, string endpointName, int? port)
        where T : IResourceWithEndpoints
    {
        var endpoint = new EndpointReference(builder.Resource, endpointName).Endpoint;
        var changed = endpoint with { Port = port };
        EndpointRules.ThrowIfInvalid(builder.Resource.Name, changed);
        builder.Resource.Annotations.Remove(endpoint);
        return builder.WithAnnotation(changed);
    }

    public static EndpointReference GetEndpoint<T>(this IResourceBuilder<T> builder, string name) where T : IResourceWithEndpoints =>
        new(builder.Resource, name);

    /// <summary>Gives the resource <c>ConnectionStrings__{name}</c> and records the reference.</summary>
    public static IResourceBuilder<T> WithReference<T>(
        this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source, string? connectionName = null)
        where T : IResourceWithEnvironment
    {
        ThrowIfForeign(builder, source);
        var key = $"ConnectionStrings__{connectionName ?? source.Resource.Name}";
        var value = ReferenceExpression.Of(new ConnectionStringReference(source.Resource));
        return builder
            .WithAnnotation(new ResourceRelationshipAnnotation(source.Resource, ResourceRelationshipAnnotation.Reference))
            .WithEnvironment(key, value);
    }

    /// <summary>Gives the resource <c>services__{name}__{endpoint}__0</c> (service discovery) and records the reference.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, EndpointReference endpoint)
        where T : IResourceWithEnvironment
    {
        if (builder.ApplicationBuilder.Resources.All(r => !ReferenceEquals(r, endpoint.Resource)))
        {
            throw ForeignResource(builder.Resource, endpoint.Resource);
        }

        var key = $"services__{endpoint.Resource.Name}__{endpoint.EndpointName}__0";
        return builder
            .WithAnnotation(new ResourceRelationshipAnnotation(endpoint.Resource, ResourceRelationshipAnnotation.Reference))
            .WithEnvironment(key, ReferenceExpression.Of(endpoint.Url));
    }

    /// <summary>Start only once <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport =>
        builder.AddWait(dependency, WaitType.UntilHealthy);

    /// <summary>Start only once the run-once <paramref name="dependency"/> exited with code 0.</summary>
    public static IResourceBuilder<T> WaitForCompletion<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport =>
        builder.AddWait(dependency, WaitType.UntilCompleted);

    private static IResourceBuilder<T> AddWait<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency, WaitType type)
        where T : IResourceWithWaitSupport
    {
        ThrowIfForeign(builder, dependency);
        if (ReferenceEquals(builder.Resource, dependency.Resource))
        {
            throw new DistributedApplicationException($"Resource '{builder.Resource.Name}' cannot wait for itself.");
        }

        return builder.WithAnnotation(new WaitAnnotation(dependency.Resource, type));
    }

    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path = "/", string endpointName = "http")
        where T : IResourceWithEndpoints
    {
        _ = new EndpointReference(builder.Resource, endpointName).Endpoint;
        if (!path.StartsWith('/'))
        {
            throw new DistributedApplicationException(
                $"The HTTP health check of '{builder.Resource.Name}' has path '{path}'; a path starts with '/'.");
        }

        return builder.WithAnnotation(new HttpHealthCheckAnnotation(endpointName, path));
    }

    public static IResourceBuilder<T> WithTcpHealthCheck<T>(this IResourceBuilder<T> builder, string endpointName = "tcp")
        where T : IResourceWithEndpoints
    {
        _ = new EndpointReference(builder.Resource, endpointName).Endpoint;
        return builder.WithAnnotation(new TcpHealthCheckAnnotation(endpointName));
    }

    /// <summary>Healthy when the command exits 0 inside the container; see <see cref="CommandHealthCheckAnnotation"/>.</summary>
    public static IResourceBuilder<T> WithCommandHealthCheck<T>(this IResourceBuilder<T> builder, CommandHealthCheckAnnotation check)
        where T : IResource
    {
        if (check.Command.Count == 0 || (check.UseShell && check.Command.Count != 1))
        {
            throw new DistributedApplicationException(
                $"The command health check of '{builder.Resource.Name}' needs a command: an argument list, or one shell string with UseShell.");
        }

        return builder.WithAnnotation(check);
    }

    internal static void ThrowIfForeign<T>(IResourceBuilder<T> builder, IResourceBuilder<IResource> other) where T : IResource
    {
        if (!ReferenceEquals(builder.ApplicationBuilder, other.ApplicationBuilder))
        {
            throw ForeignResource(builder.Resource, other.Resource);
        }
    }

    private static DistributedApplicationException ForeignResource(IResource resource, IResource other) => new(
        $"Resource '{resource.Name}' refers to '{other.Name}', which belongs to another DistributedApplication builder. " +
        "Add it to this builder and refer to that one.");
}
