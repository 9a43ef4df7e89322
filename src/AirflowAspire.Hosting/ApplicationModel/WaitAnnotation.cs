namespace AirflowAspire.Hosting.ApplicationModel;

public enum WaitType
{
    /// <summary>Start once the other resource's health checks pass.</summary>
    UntilHealthy,

    /// <summary>Start once the other (run-once) resource exited with code 0.</summary>
    UntilCompleted,
}

/// <summary>This resource starts only after <paramref name="Resource"/> reached the state <paramref name="Type"/> names.</summary>
public sealed record WaitAnnotation(IResource Resource, WaitType Type) : IResourceAnnotation;
