namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>How many copies of the container run.</summary>
public sealed record ReplicaAnnotation(int Replicas) : IResourceAnnotation;
