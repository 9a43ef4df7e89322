namespace AirflowAspire.Hosting.Airflow;

/// <summary>The official apache/airflow image, pinned per major version.</summary>
internal static class AirflowContainerImageTags
{
    public const string Registry = "docker.io";
    public const string Image = "apache/airflow";
    public const string Tag = "3.2.2";
    public const string Airflow2Tag = "2.11.0";
}
