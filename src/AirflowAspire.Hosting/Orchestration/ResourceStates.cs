namespace AirflowAspire.Hosting.Orchestration;

/// <summary>Where a resource is in its life during a local run, as the dashboard shows it.</summary>
public enum ResourceState
{
    /// <summary>Not started yet.</summary>
    NotStarted,

    /// <summary>Waiting for the resources it WaitFor()s to become healthy or complete.</summary>
    Waiting,

    /// <summary>Being created: image pull, container or process start.</summary>
    Starting,

    /// <summary>Running; see the health for whether it is ready.</summary>
    Running,

    /// <summary>A run-once resource that exited with code 0.</summary>
    Finished,

    /// <summary>Exited with a non-zero code; it is restarted after a back-off unless run-once.</summary>
    Exited,

    /// <summary>Could not be started (pull failed, port busy, no such executable); the message says why.</summary>
    FailedToStart,

    Stopping,

    /// <summary>Stopped by the user or at shutdown.</summary>
    Stopped,

    /// <summary>Nothing can run it here: no container runtime, and no local fallback for it.</summary>
    RuntimeUnavailable,

    /// <summary>Not a process: a parameter, a database inside a server, a logical group.</summary>
    Inert,
}

public enum HealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}
