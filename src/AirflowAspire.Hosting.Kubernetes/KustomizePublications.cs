using System.Collections.Concurrent;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// What each kustomize environment's publish step settled in this run, kept in memory for its deploy step, which
/// runs after it in the same process: deploy applies the values publish wrote without reading the tree or
/// <c>secrets.env</c> back. One per application (a singleton service), by environment.
/// </summary>
internal sealed class KustomizePublications
{
    private readonly ConcurrentDictionary<KustomizeEnvironmentResource, KustomizeInputs> published = new();

    public void Keep(KustomizeEnvironmentResource environment, KustomizeInputs inputs) => published[environment] = inputs;

    /// <summary>What <c>publish-{name}</c> settled in this run, for <paramref name="step"/> (deploy's by default); throws when it has not run.</summary>
    public KustomizeInputs Of(KustomizeEnvironmentResource environment, string? step = null) =>
        published.TryGetValue(environment, out var inputs)
            ? inputs
            : throw new DistributedApplicationException(
                $"{step ?? environment.DeployStepName} found nothing that {environment.PublishStepName} published in this run: it works on the tree its " +
                $"publish step renders in the same run. Run it through the pipeline ({(step is null ? "aspire deploy, or --operation publish --step deploy" : $"aspire do {step}, or --operation publish --step {step}")}), " +
                $"which runs {environment.PublishStepName} first.");
}
