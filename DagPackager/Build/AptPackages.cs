using System.Text.RegularExpressions;

namespace AirflowAspire.DagPackager.Build;

/// <summary>
/// The Debian packages a project's <c>packages.txt</c> asks for: names separated by white space or lines,
/// '#' starts a comment, <c>name=version</c> pins a version. Each is checked, since they become part of a
/// shell command in the Dockerfile.
/// </summary>
internal static partial class AptPackages
{
    public static IReadOnlyList<string> Read(string file)
    {
        if (!File.Exists(file))
        {
            return [];
        }

        var packages = new List<string>();
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            var hash = lines[i].IndexOf('#');
            var line = hash < 0 ? lines[i] : lines[i][..hash];
            foreach (var word in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                if (!PackageName().IsMatch(word))
                {
                    throw new PackagerError(
                        $"{file}:{i + 1}: '{word}' is not a Debian package name (lowercase letters, digits, '+', '-', '.'; optionally =version).");
                }

                packages.Add(word);
            }
        }

        return packages;
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9+.-]+(?::[a-z0-9-]+)?(?:=[A-Za-z0-9.+~:-]+)?$")]
    private static partial Regex PackageName();
}
