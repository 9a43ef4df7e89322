using System.Text;
using System.Text.RegularExpressions;
using AirflowAspire.DagChecks;
using AirflowAspire.DagChecks.AirflowIgnore;
using AirflowAspire.DagPackager.Hashing;

namespace AirflowAspire.DagPackager.Build;

/// <summary>
/// Writes a project's build context: what goes into the image (<see cref="ProjectScanner"/>), hashed and linked or
/// copied in one pass (<see cref="ContentHasher"/>), with the Dockerfile and a .dockerignore that keeps out anything else.
/// </summary>
internal static partial class BuildContextWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="outputDirectory">The context folder: empty, missing, or an earlier context (replaced); null for a new temporary folder.</param>
    /// <param name="baseImage">Another image to build on (passed as a build argument); it counts in the hash.</param>
    /// <param name="excludeAirflowIgnored">Leave out what .airflowignore files list, too.</param>
    /// <param name="hardLinks">Hard-link the files where possible: only for a context deleted after one build.</param>
    public static BuildContext Write(
        string projectDirectory,
        string repository,
        AirflowRelease airflow,
        string? outputDirectory,
        string? baseImage = null,
        bool excludeAirflowIgnored = false,
        bool hardLinks = false,
        FileProgress? progress = null)
    {
        projectDirectory = Path.GetFullPath(projectDirectory);
        if (!Directory.Exists(projectDirectory))
        {
            throw new PackagerError($"The project folder {projectDirectory} does not exist.");
        }

        if (baseImage is not null && !ImageReference().IsMatch(baseImage))
        {
            throw new PackagerError($"--base-image '{baseImage}' is not an image reference such as registry.example.com/airflow:3.2.2.");
        }

        var content = ProjectScanner.Scan(projectDirectory, excludeAirflowIgnored ? IgnoreSyntaxes.DefaultFor(airflow.Version) : null);
        var dockerfile = DockerfileText.Create(
            airflow,
            AptPackages.Read(Path.Combine(projectDirectory, ProjectLayout.Packages)),
            hasRequirements: content.Files.Any(f => f.ContextPath == ProjectLayout.Requirements),
            hasPlugins: content.Directories.Contains(ProjectLayout.Plugins));
        var context = Prepare(outputDirectory, projectDirectory);
        if (progress is not null)
        {
            progress.Total = content.Files.Count;
        }

        var extraInputs = baseImage is null ? new[] { dockerfile } : [dockerfile, "base image " + baseImage];
        try
        {
            var hash = ContentHasher.HashAndWrite(content, context, extraInputs, hardLinks, progress?.Done);
            File.WriteAllText(Path.Combine(context, ProjectLayout.Dockerfile), dockerfile, Utf8);
            File.WriteAllText(Path.Combine(context, ProjectLayout.DockerIgnore), DockerfileText.DockerIgnore(), Utf8);
            return new BuildContext(context, repository, hash, airflow, baseImage ?? airflow.BaseImage, baseImage is not null);
        }
        catch (Exception e) when (e is AggregateException or IOException or UnauthorizedAccessException)
        {
            if (outputDirectory is null)
            {
                Directory.Delete(context, recursive: true);
            }

            // A file that vanished or cannot be read, or a link to nothing: the message names it.
            var cause = e is AggregateException all ? all.InnerExceptions[0] : e;
            if (cause is IOException or UnauthorizedAccessException)
            {
                throw new PackagerError(cause.Message);
            }

            throw;
        }
    }

    private static string Prepare(string? outputDirectory, string projectDirectory)
    {
        if (outputDirectory is null)
        {
            return Directory.CreateTempSubdirectory("dag-packager-").FullName;
        }

        // Never the project or a folder holding it (an earlier context is deleted), nor inside what is copied.
        var output = Path.GetFullPath(outputDirectory);
        if (RelativePaths.IsInside(projectDirectory, output)
            || new[] { ProjectLayout.Dags, ProjectLayout.Plugins }.Any(part => RelativePaths.IsInside(output, Path.Combine(projectDirectory, part))))
        {
            throw new PackagerError($"The context folder {output} must not be the project, hold it, or lie inside its dags/ or plugins/ folder.");
        }

        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            var dockerfile = Path.Combine(output, ProjectLayout.Dockerfile);
            if (!File.Exists(dockerfile) || File.ReadLines(dockerfile).FirstOrDefault() != DockerfileText.FirstLine)
            {
                throw new PackagerError($"The context folder {output} is not empty and is not an earlier dag-packager context; give an empty or new folder.");
            }

            Directory.Delete(output, recursive: true);
        }

        Directory.CreateDirectory(output);
        return output;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/:@-]*$")]
    private static partial Regex ImageReference();
}
