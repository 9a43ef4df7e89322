namespace AirflowAspire.Hosting;

/// <summary>What the AppHost was started to do.</summary>
public enum DistributedApplicationOperation
{
    /// <summary>Run the application locally.</summary>
    Run,

    /// <summary>Write deployment artefacts (a manifest, Kubernetes objects, a compose file).</summary>
    Publish,
}

/// <summary>Tells callbacks whether they render for a local run or for publishing, and with which publisher.</summary>
public sealed record DistributedApplicationExecutionContext(DistributedApplicationOperation Operation, string? PublisherName = null)
{
    public bool IsRunMode => Operation == DistributedApplicationOperation.Run;

    public bool IsPublishMode => Operation == DistributedApplicationOperation.Publish;
}
