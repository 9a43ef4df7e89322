using AirflowAspire.DagChecks.AirflowIgnore;
using AirflowAspire.DagChecks.Validation.Findings;

namespace AirflowAspire.DagChecks.Validation.Discovery;

/// <summary>
/// Lists a DAG folder the way Airflow's DAG processor does (<c>find_path_from_directory</c>): a walk that follows
/// symlinks, with each folder's <c>.airflowignore</c> adding rules for it and below. Unlike Airflow it does not follow
/// a symlink that leads outside the folder (that file would be missing from an image of the folder): it reports it.
/// </summary>
public static class DagFolderWalker
{
    public static DagFolderListing List(string dagFolder, IgnoreSyntax syntax)
    {
        var root = Path.GetFullPath(dagFolder);
        var walk = new Walk(root, RealPath.Resolve(root), syntax);
        walk.Visit(root, IgnoreRuleSet.Empty);
        return new DagFolderListing(walk.Files, walk.Problems);
    }

    private sealed class Walk(string root, string realRoot, IgnoreSyntax syntax)
    {
        private readonly HashSet<string> _visited = [realRoot];

        public List<DagFile> Files { get; } = [];

        public List<Problem> Problems { get; } = [];

        public void Visit(string folder, IgnoreRuleSet inherited)
        {
            var invalid = new List<InvalidIgnoreLine>();
            var rules = inherited.Enter(folder, root, syntax, invalid);
            Problems.AddRange(invalid.Select(line => Problem.Of(
                line.Syntax == IgnoreSyntax.Regexp ? ProblemCodes.InvalidIgnoreRegexp : ProblemCodes.InvalidIgnoreGlob, line.File, line.Line, null, line.Message)));

            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Problems.Add(Problem.Of(ProblemCodes.Unreadable, Relative(folder), null, null, $"cannot be listed: {e.Message}"));
                return;
            }

            // Real entries before symlinks, so that a folder reached twice is reported at the symlink.
            foreach (var entry in entries.OrderBy(SymlinkBoundary.IsLink).ThenBy(e => e, StringComparer.Ordinal))
            {
                VisitEntry(entry, rules);
            }
        }

        private void VisitEntry(string path, IgnoreRuleSet rules)
        {
            var name = Path.GetFileName(path);
            var isDirectory = Directory.Exists(path);
            var isLink = SymlinkBoundary.IsLink(path);
            if (!isDirectory && name == AirflowIgnoreFile.FileName)
            {
                return;
            }

            if (rules.IsIgnored(path, isDirectory))
            {
                return;
            }

            if (isLink && !FollowLink(path))
            {
                return;
            }

            if (isDirectory)
            {
                if (FirstVisit(path))
                {
                    Visit(path, rules);
                }
            }
            else if (name.EndsWith(".py", StringComparison.Ordinal))
            {
                Files.Add(new DagFile(path, Relative(path)));
            }
        }

        /// <summary>Whether to follow a symlink: it must lead to something inside the folder (<see cref="SymlinkBoundary"/>), and not in circles.</summary>
        private bool FollowLink(string path)
        {
            var link = SymlinkBoundary.Resolve(path, realRoot);
            if (link.Resolved is null)
            {
                Problems.Add(Problem.Of(ProblemCodes.SymlinkLoop, Relative(path), null, null, $"is a symlink that cannot be resolved: {link.Problem}"));
                return false;
            }

            if (!link.Exists)
            {
                Problems.Add(Problem.Of(ProblemCodes.BrokenSymlink, Relative(path), null, null,
                    $"is a symlink to {link.Target}, which does not exist"));
                return false;
            }

            if (!link.Inside)
            {
                Problems.Add(Problem.Of(ProblemCodes.SymlinkOutside, Relative(path), null, null,
                    $"is a symlink to {link.Resolved}, outside the DAG folder: an image of the folder would not contain it; " +
                    "copy it in, or add the link to .airflowignore"));
                return false;
            }

            return true;
        }

        /// <summary>Whether a folder is new to the walk: Airflow stops when one is reached twice through symlinks.</summary>
        private bool FirstVisit(string path)
        {
            var real = RealPath.Resolve(path);
            if (_visited.Add(real))
            {
                return true;
            }

            var target = real == realRoot ? "the DAG folder itself" : RelativePaths.Of(realRoot, real);
            Problems.Add(Problem.Of(ProblemCodes.SymlinkLoop, Relative(path), null, null,
                $"leads to {target}, a folder reached another way too: Airflow stops listing the DAG folder on such a loop"));
            return false;
        }

        private string Relative(string path) => path == root ? Problem.FolderItself : RelativePaths.Of(root, path);
    }
}
