namespace AirflowAspire.DagPackager.Hashing;

/// <summary>The parts of a DAG project that make an image, by their names in the project and in the context.</summary>
internal static class ProjectLayout
{
    public const string Dags = "dags";
    public const string Plugins = "plugins";
    public const string Requirements = "requirements.txt";
    public const string Packages = "packages.txt";
    public const string Dockerfile = "Dockerfile";
    public const string DockerIgnore = ".dockerignore";

    /// <summary>Never part of an image, wherever they are: caches and version-control or Finder droppings.</summary>
    public static bool IsAlwaysExcluded(string name, bool isDirectory) =>
        isDirectory
            ? name is "__pycache__" or ".git"
            : name is ".git" or ".DS_Store" || name.EndsWith(".pyc", StringComparison.Ordinal) || name.EndsWith(".pyo", StringComparison.Ordinal);
}
