namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// Every test that runs containers is in this one collection, so they run one after another: a 2-core machine
/// starting several apps' containers at once slows each past its bounds, and the dashboard's fixed ports
/// (launch profile) allow one AppHost at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ContainerTests
{
    public const string Name = "Containers on the machine's Docker engine";
}
