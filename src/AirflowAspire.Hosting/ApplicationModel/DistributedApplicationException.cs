namespace AirflowAspire.Hosting;

/// <summary>The model is wrong in a way the user must fix. The message names the resource and the fix.</summary>
public sealed class DistributedApplicationException(string message) : Exception(message);
