namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>Where the consumer of a value runs during a local run.</summary>
public enum LocalConsumer
{
    /// <summary>A container on the application's network: it reaches others by resource name and target port.</summary>
    ContainerNetwork,

    /// <summary>A process on the host, a health check or a dashboard link: 127.0.0.1 and the host port.</summary>
    Host,
}

/// <summary>What a value needs to know to render itself for a local run.</summary>
public sealed class LocalRenderContext
{
    public required LocalConsumer Consumer { get; init; }

    /// <summary>The value of a parameter for this run.</summary>
    public required Func<ParameterResource, string> ParameterValue { get; init; }

    /// <summary>The host port a resource's endpoint was given (fixed by the model or picked at start).</summary>
    public required Func<IResource, EndpointAnnotation, int> HostPort { get; init; }

    public LocalRenderContext For(LocalConsumer consumer) => new()
    {
        Consumer = consumer,
        ParameterValue = ParameterValue,
        HostPort = HostPort,
    };
}

/// <summary>What a value needs to know to render itself inside a Kubernetes cluster.</summary>
public sealed class ClusterRenderContext
{
    /// <summary>The Service name that fronts a resource.</summary>
    public required Func<IResource, string> ServiceName { get; init; }

    /// <summary>How a parameter appears in a container's environment, e.g. <c>$(AIRFLOW_JWT_SECRET)</c>.</summary>
    public required Func<ParameterResource, string> ParameterValue { get; init; }
}
