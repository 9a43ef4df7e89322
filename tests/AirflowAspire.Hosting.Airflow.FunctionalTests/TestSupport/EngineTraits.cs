namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>
/// The trait of the tests that need the official image names (postgres, redis, apache/airflow) absent from the Docker
/// engine, as they are for a user here. The cluster tests lend those names to the local images for their whole run, so
/// test.sh runs these first, then the cluster tests beside everything else: <c>--filter Category!=OfficialNamesAbsent</c>.
/// </summary>
internal static class EngineTraits
{
    public const string Category = "Category";

    public const string OfficialNamesAbsent = "OfficialNamesAbsent";
}
