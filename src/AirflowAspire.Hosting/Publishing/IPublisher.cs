namespace AirflowAspire.Hosting.Publishing;

/// <summary>Writes deployment artefacts from the model. Publishers read the model and never call each other.</summary>
public interface IPublisher
{
    /// <summary>The name given with <c>--publisher</c>.</summary>
    string Name { get; }

    Task PublishAsync(DistributedApplicationModel model, PublishingOptions options, CancellationToken cancellationToken);
}
