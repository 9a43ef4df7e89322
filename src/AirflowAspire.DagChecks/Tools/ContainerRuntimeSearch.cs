namespace AirflowAspire.DagChecks.Tools;

/// <summary>The container runtime <see cref="ContainerRuntimeLocator"/> found, or, when none, why: sentences that say what to change.</summary>
public sealed record ContainerRuntimeSearch(ContainerRuntime? Runtime, string Problem);
