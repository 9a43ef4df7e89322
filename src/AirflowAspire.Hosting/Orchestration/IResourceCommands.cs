namespace AirflowAspire.Hosting.Orchestration;

/// <summary>What the dashboard may ask of the orchestrator; it never touches containers itself.</summary>
public interface IResourceCommands
{
    Task StartAsync(string resourceName, CancellationToken cancellationToken);

    Task StopAsync(string resourceName, CancellationToken cancellationToken);

    Task RestartAsync(string resourceName, CancellationToken cancellationToken);
}
