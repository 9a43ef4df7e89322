using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Compose;

/// <summary>
/// What a kind of container tells the compose file that the model does not say. The generic compose code asks
/// each template (<see cref="ComposeTemplates"/>), so only they know the kinds they serve.
/// </summary>
internal interface IComposeTemplate
{
    /// <summary>The service's <c>healthcheck</c>, or null when this template knows none for the container.</summary>
    ComposeHealthCheck? HealthCheck(ContainerResource container);

    /// <summary>Whether the container runs once (a migration), and so must stay exited after it succeeds.</summary>
    bool RunsOnce(ContainerResource container);

    /// <summary>The service's labels (which its containers carry), for what reads a running deployment back.</summary>
    IEnumerable<KeyValuePair<string, string>> Labels(ContainerResource container) => [];

    /// <summary>The pipeline steps this kind of container adds to a compose environment.</summary>
    IEnumerable<EnvironmentStep> Steps(ComposeEnvironmentResource environment) => [];
}
