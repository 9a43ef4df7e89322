namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>How a deploy ended: the workloads that did not become ready, each with why, and, when that undid a release change, what the rollback did.</summary>
internal sealed record DeployOutcome(IReadOnlyList<string> Failures, string? RolledBack);
