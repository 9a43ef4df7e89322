using AirflowAspire.Hosting.Airflow.Dags;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The DAG folder of an Airflow deployment in a local run, nested under it in the dashboard. Its health is the
/// outcome of DagPackager's checks of the folder, run again whenever a file in it changes.
/// </summary>
public sealed class AirflowDagsResource(string name, string folder, AirflowResource parent)
    : Resource(name), IResourceWithParent<AirflowResource>
{
    /// <summary>The DAG folder on the host, absolute.</summary>
    public string Folder { get; internal set; } = folder;

    public AirflowResource Parent { get; } = parent;

    /// <summary>The outcome of the latest check; null before the first one.</summary>
    internal DagFolderCheck? LatestCheck { get; set; }

    /// <summary>What watches the folder while the app runs; null before it starts.</summary>
    internal DagFolderMonitor? Monitor { get; set; }
}
