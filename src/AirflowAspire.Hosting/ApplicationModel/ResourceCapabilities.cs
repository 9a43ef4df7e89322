namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>A resource whose environment can be set.</summary>
public interface IResourceWithEnvironment : IResource;

/// <summary>A resource that takes command-line arguments.</summary>
public interface IResourceWithArgs : IResource;

/// <summary>A resource that listens on endpoints.</summary>
public interface IResourceWithEndpoints : IResource;

/// <summary>A resource that can wait for other resources before it starts.</summary>
public interface IResourceWithWaitSupport : IResource;

/// <summary>A resource that lives inside another one (a database inside a server).</summary>
public interface IResourceWithParent : IResource
{
    IResource Parent { get; }
}

/// <summary>A resource that clients reach through a connection string.</summary>
public interface IResourceWithConnectionString : IResource
{
    ReferenceExpression ConnectionStringExpression { get; }
}
