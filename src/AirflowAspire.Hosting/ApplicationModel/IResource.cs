namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>A named part of the application. Behaviour hangs on it as annotations.</summary>
public interface IResource
{
    string Name { get; }

    ResourceAnnotationCollection Annotations { get; }
}

/// <summary>A resource that is not a container: a parameter, a database inside a server, a logical group.</summary>
public abstract class Resource(string name) : IResource
{
    public string Name { get; } = name;

    public ResourceAnnotationCollection Annotations { get; } = new();

    public override string ToString() => $"{GetType().Name} '{Name}'";
}
