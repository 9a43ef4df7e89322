namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>tests/images/airflow-standin: a STAND-IN for the Airflow image (Debian's python3), not Airflow.</summary>
internal static class AirflowStandIn
{
    public const string Image = "airflowaspire-test/airflow-standin";
    public const string Tag = "latest";
    public const string Reference = $"{Image}:{Tag}";
}
