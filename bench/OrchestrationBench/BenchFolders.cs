namespace AirflowAspire.Bench.Orchestration;

/// <summary>
/// The benchmark's folder in /tmp: an empty AppHost folder for the model, and a fresh state directory per
/// round. Open to other users (mode 755), so the unprivileged user Postgres runs as can reach its data
/// where the process runtime first puts it, on both sides.
/// </summary>
internal sealed class BenchFolders : IDisposable
{
    private const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("orchestration-bench-");

    public BenchFolders()
    {
        File.SetUnixFileMode(root.FullName, Open);
        AppHost = Directory.CreateDirectory(Path.Combine(root.FullName, "apphost")).FullName;
    }

    public string AppHost { get; }

    /// <summary>A state directory no round used before; its name has the same length on both sides.</summary>
    public string NewRound(int round, string side) =>
        Path.Combine(root.FullName, $"r{round:D2}-{side}");

    public void Dispose() => root.Delete(recursive: true);
}
