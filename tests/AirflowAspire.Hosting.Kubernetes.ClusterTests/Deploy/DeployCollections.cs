namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

// The deploy tests run in two collections side by side, each one deploy at a time, in namespaces of their own: the
// node holds two of these models at once (the default one asks for 0.7 CPU), and the run takes half as long. Both
// share the official image names the fixture lends.

/// <summary>Deploys of whole AppHosts, run by their own processes: the default AppHost, the examples, one from inside a pod.</summary>
[CollectionDefinition(Name)]
public sealed class AppHostDeployCollection : ICollectionFixture<OfficialImageStandIns>
{
    public const string Name = "apphost-deploys";
}

/// <summary>Deploys of models built in the test: reports, refusals, pruning, safety, upgrades.</summary>
[CollectionDefinition(Name)]
public sealed class ModelDeployCollection : ICollectionFixture<OfficialImageStandIns>
{
    public const string Name = "model-deploys";
}
