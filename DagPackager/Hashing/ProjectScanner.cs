using System.IO.Enumeration;
using AirflowAspire.DagChecks.AirflowIgnore;
using AirflowAspire.DagChecks.Validation.Discovery;
using AirflowAspire.DagPackager.Build;

namespace AirflowAspire.DagPackager.Hashing;

/// <summary>
/// Lists what of a project goes into the image: <c>requirements.txt</c>, <c>dags/</c> and <c>plugins/</c>,
/// without caches (<see cref="ProjectLayout.IsAlwaysExcluded"/>), what the project's .dockerignore excludes,
/// and, when asked, what .airflowignore files exclude (read as validate reads them, <see cref="AirflowIgnoreFile"/>;
/// an invalid line is skipped here, validate reports it). A symbolic link whose target, fully resolved, is outside the
/// project is refused (<see cref="SymlinkBoundary"/>, the rule validate reports by): the file it leads to, a registry
/// login say, would be copied into the image. A link within the project to a file is taken as that file; one to a
/// folder is refused (it may loop).
/// </summary>
internal static class ProjectScanner
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        AttributesToSkip = 0, // dot files count: .airflowignore is part of the DAG folder
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    /// <param name="airflowIgnore">null keeps files .airflowignore lists (Airflow skips them in the image too).</param>
    public static ImageContent Scan(string projectDirectory, IgnoreSyntax? airflowIgnore)
    {
        var dags = Path.Combine(projectDirectory, ProjectLayout.Dags);
        if (!Directory.Exists(dags))
        {
            throw new PackagerError($"{projectDirectory} has no '{ProjectLayout.Dags}' folder; a DAG project holds its DAG files in {ProjectLayout.Dags}/.");
        }

        var dockerIgnore = DockerIgnore.Load(projectDirectory);
        var realProject = RealPath.Resolve(projectDirectory);
        var directories = new List<string>();
        var files = new List<ImageFile>();

        var requirements = Path.Combine(projectDirectory, ProjectLayout.Requirements);
        if (File.Exists(requirements) && !dockerIgnore.IsExcluded(ProjectLayout.Requirements))
        {
            files.Add(new ImageFile(SourceOf(requirements, SymlinkBoundary.IsLink(requirements), realProject), ProjectLayout.Requirements));
        }

        foreach (var tree in new[] { ProjectLayout.Dags, ProjectLayout.Plugins })
        {
            var root = Path.Combine(projectDirectory, tree);
            if (Directory.Exists(root))
            {
                var rules = airflowIgnore is { } syntax ? new TreeIgnoreRules(root, syntax, IgnoreRuleSet.Empty) : null;
                directories.Add(tree);
                Walk(root, tree, rules, dockerIgnore, realProject, directories, files);
            }
        }

        // The folders of every file too: one that a .dockerignore '!' line takes back out of an excluded folder.
        var allDirectories = new SortedSet<string>(directories, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var slash = file.ContextPath.LastIndexOf('/');
            while (slash > 0 && allDirectories.Add(file.ContextPath[..slash]))
            {
                slash = file.ContextPath.LastIndexOf('/', slash - 1);
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.ContextPath, b.ContextPath));
        return new ImageContent([.. allDirectories], files);
    }

    /// <summary>
    /// One listed entry. Whether it is a link comes with the listing (the entry's type); files' modes are read from
    /// the open file when they are hashed.
    /// </summary>
    private readonly record struct Entry(string Name, bool IsDirectory, bool IsLink)
    {
        public static Entry From(ref FileSystemEntry entry) =>
            new(entry.FileName.ToString(), entry.IsDirectory, (entry.Attributes & FileAttributes.ReparsePoint) != 0);
    }

    /// <summary>The .airflowignore rules in force in a folder of the dags/ or plugins/ tree rooted at <paramref name="Root"/>.</summary>
    private sealed record TreeIgnoreRules(string Root, IgnoreSyntax Syntax, IgnoreRuleSet Rules)
    {
        public TreeIgnoreRules Enter(string directory) => this with { Rules = Rules.Enter(directory, Root, Syntax) };
    }

    private static void Walk(
        string directory,
        string contextDirectory,
        TreeIgnoreRules? airflowIgnore,
        DockerIgnore dockerIgnore,
        string realProject,
        List<string> directories,
        List<ImageFile> files)
    {
        airflowIgnore = airflowIgnore?.Enter(directory);
        var entries = new FileSystemEnumerable<Entry>(directory, (ref FileSystemEntry entry) => Entry.From(ref entry), OneLevel).ToList();
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

        foreach (var (name, isDirectory, isLink) in entries)
        {
            var path = Path.Combine(directory, name);
            var contextPath = contextDirectory + "/" + name;
            if (ProjectLayout.IsAlwaysExcluded(name, isDirectory) || airflowIgnore?.Rules.IsIgnored(path, isDirectory) == true)
            {
                continue;
            }

            var excluded = dockerIgnore.IsExcluded(contextPath);
            if (excluded && !isDirectory)
            {
                continue;
            }

            var source = SourceOf(path, isLink, realProject);
            if (isDirectory)
            {
                if (isLink)
                {
                    throw new PackagerError(
                        $"{path} is a symbolic link to a folder ({File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName}); " +
                        "copy the folder into the project, or exclude the link in .dockerignore.");
                }

                // Docker still walks an excluded folder when a '!' line may take something in it back.
                if (excluded && !dockerIgnore.HasExceptions)
                {
                    continue;
                }

                if (!excluded)
                {
                    directories.Add(contextPath);
                }

                Walk(path, contextPath, airflowIgnore, dockerIgnore, realProject, directories, files);
            }
            else
            {
                files.Add(new ImageFile(source, contextPath));
            }
        }
    }

    /// <summary>
    /// Where a file's bytes are read: the path itself, or for a link the file it resolves to, which must be in the
    /// project. Reading the resolved path reads what was checked, not what the link may lead to by then.
    /// </summary>
    private static string SourceOf(string path, bool isLink, string realProject)
    {
        if (!isLink)
        {
            return path;
        }

        var link = SymlinkBoundary.Resolve(path, realProject);
        if (link.Resolved is null)
        {
            throw new PackagerError($"{path} is a symbolic link that cannot be resolved: {link.Problem} Fix or remove the link, or exclude it in .dockerignore.");
        }

        if (link.Inside && !link.Exists)
        {
            throw new PackagerError($"{path} is a symbolic link to {link.Target}, which does not exist; fix or remove the link, or exclude it in .dockerignore.");
        }

        if (!link.Inside)
        {
            throw new PackagerError(
                $"{path} is a symbolic link to {link.Resolved}, outside the project {realProject}: that file would be copied into the image. " +
                $"If it belongs in the image, copy the {(Directory.Exists(link.Resolved) ? "folder" : "file")} into the project, or exclude the link in .dockerignore.");
        }

        return link.Resolved;
    }
}
