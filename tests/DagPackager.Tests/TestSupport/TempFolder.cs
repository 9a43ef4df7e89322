using System.Text;

namespace AirflowAspire.DagPackager.Tests.TestSupport;

/// <summary>A folder of its own under the temp directory, deleted with everything in it at the end of the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dag-packager-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    public string Write(string relative, string text) => WriteBytes(relative, new UTF8Encoding(false).GetBytes(text));

    public string WriteBytes(string relative, byte[] bytes)
    {
        var path = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Folder(string relative) => Directory.CreateDirectory(Combine(relative)).FullName;

    public void Symlink(string relative, string target)
    {
        var path = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }

    public void Dispose()
    {
        // Deletes symlinks themselves, never what they point to.
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
