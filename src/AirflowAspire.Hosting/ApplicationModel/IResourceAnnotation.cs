namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>Marks a piece of data or behaviour attached to a resource.</summary>
public interface IResourceAnnotation;
