using AirflowAspire.DagChecks;
using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// The DAG image lock (<see cref="DagImageLock"/>, which <c>dag-packager release</c> writes) applied to the model.
/// At Build(), when the AppHost folder holds one (or WithDagImageLock names one) and the model did not call
/// WithImage, every Airflow component runs the locked image, so local runs and publishers use the released DAGs.
/// </summary>
internal static class AirflowDagImageLock
{
    /// <summary>Points the Airflow resource at the locked image and records the lock on it.</summary>
    public static void Apply(string path, bool isExplicit, AirflowResource airflow)
    {
        if (!File.Exists(path))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}': the DAG image lock {path} does not exist; write it with `dag-packager release <image:tag> --lock {path}`.");
        }

        var (image, version) = Read(path, airflow.Name);
        airflow.Image = image;
        airflow.HasCustomImage = true;
        foreach (var previous in airflow.Annotations.OfType<AirflowDagImageLockAnnotation>().ToList())
        {
            airflow.Annotations.Remove(previous);
        }

        airflow.Annotations.Add(new AirflowDagImageLockAnnotation(path, version, isExplicit));
    }

    /// <summary>Throws when the locked image was built on another Airflow than the model runs.</summary>
    public static void ThrowIfVersionDiffers(AirflowResource airflow)
    {
        if (airflow.Annotations.OfType<AirflowDagImageLockAnnotation>().LastOrDefault() is { LockedVersion: { } locked, Path: var path }
            && locked != airflow.Version)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}': the DAG image in {path} was built on Airflow {locked}, but the model runs {airflow.Version}; " +
                $"add .WithVersion(\"{locked}\"), or build and release the DAGs again for {airflow.Version}.");
        }
    }

    private static (AirflowImage Image, AirflowVersion? Version) Read(string path, string resourceName)
    {
        string Malformed(string why) =>
            $"Airflow '{resourceName}': the DAG image lock {path} is malformed: {why}. `dag-packager release <image:tag>` writes it; run it again, or delete the file.";

        DagImageLock locked;
        try
        {
            locked = DagImageLock.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw new DistributedApplicationException(Malformed(e.Message));
        }

        ImageReference reference;
        AirflowVersion? version;
        try
        {
            reference = ImageReference.Parse(locked.Reference, resourceName);
            version = locked.AirflowVersion is null ? null : AirflowVersion.Parse(locked.AirflowVersion, resourceName);
        }
        catch (DistributedApplicationException e)
        {
            throw new DistributedApplicationException(Malformed(e.Message));
        }

        if (reference.Image.Contains(':') || reference.Tag != locked.Tag)
        {
            throw new DistributedApplicationException(Malformed($"\"image\" must be a repository without a tag, not '{locked.Image}'"));
        }

        return (new AirflowImage(reference.Registry, reference.Image, locked.Tag), version);
    }
}
