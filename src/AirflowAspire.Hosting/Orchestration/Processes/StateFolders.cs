using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>
/// Where each replica keeps the data that must survive restarts: <c>{state directory}/{instance}</c>. A
/// replica that runs as an unprivileged user while the state directory sits in a folder closed to it (root's
/// home is mode 700) keeps its folder under <see cref="SharedRootBase"/> instead.
/// </summary>
internal sealed class StateFolders(string stateDirectory, string applicationName)
{
    public const string SharedRootBase = "/var/lib/airflowaspire";

    public string Root { get; } = Path.GetFullPath(stateDirectory);

    /// <summary>One folder per state directory, so two apps, or two state directories of one app, never share.</summary>
    public string SharedRoot =>
        Path.Combine(SharedRootBase, $"{applicationName}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Root)))[..12]}");

    public string For(string instance) => Path.Combine(Root, instance);

    public string SharedFor(string instance) => Path.Combine(SharedRoot, instance);

    /// <summary>Deletes the folders of every replica of a resource, wherever they are.</summary>
    public void Remove(string resourceName)
    {
        var replica = new Regex($"^{Regex.Escape(resourceName)}(-[0-9]+)?$");
        foreach (var root in new[] { Root, SharedRoot }.Where(Directory.Exists))
        {
            foreach (var folder in Directory.EnumerateDirectories(root).Where(f => replica.IsMatch(Path.GetFileName(f))))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        DeleteIfEmpty(SharedRoot);
        DeleteIfEmpty(SharedRootBase);
    }

    private static void DeleteIfEmpty(string folder)
    {
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }
    }
}
