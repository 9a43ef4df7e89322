using AirflowAspire.DagPackager.Hashing;

namespace AirflowAspire.DagPackager.Build;

/// <summary>A written build context: its folder, the content hash and the image reference it gives.</summary>
internal sealed record BuildContext(string Directory, string Repository, ContentHash Hash, AirflowRelease Airflow, string BaseImage, bool BaseImageOverridden)
{
    /// <summary><c>repository:hash12</c>.</summary>
    public string Reference => $"{Repository}:{Hash.Tag}";
}
