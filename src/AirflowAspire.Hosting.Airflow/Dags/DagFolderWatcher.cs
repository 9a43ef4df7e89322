namespace AirflowAspire.Hosting.Airflow.Dags;

/// <summary>
/// Calls <c>changed</c> on any change under a DAG folder, and when the folder itself is created, deleted or renamed
/// (watched from its parent, since a watch on a deleted folder goes silent). A missing folder is not an error:
/// <see cref="Arm"/> watches it again once it exists.
/// </summary>
internal sealed class DagFolderWatcher(string folder, Action changed) : IDisposable
{
    private readonly Lock gate = new();
    private FileSystemWatcher? contents;
    private FileSystemWatcher? parent;
    private bool rearmNeeded = true;

    /// <summary>True while the folder's contents are watched.</summary>
    public bool IsWatching
    {
        get
        {
            lock (gate)
            {
                return contents is not null && !rearmNeeded;
            }
        }
    }

    /// <summary>(Re)creates the watches where needed; false when the folder does not exist (yet).</summary>
    public bool Arm()
    {
        lock (gate)
        {
            parent ??= TryWatch(Path.GetDirectoryName(folder), Path.GetFileName(folder), includeSubdirectories: false, NotifyFilters.DirectoryName);
            if (!rearmNeeded && contents is not null)
            {
                return true;
            }

            contents?.Dispose();
            contents = TryWatch(folder, "", includeSubdirectories: true,
                NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime);
            rearmNeeded = contents is null;
            return contents is not null;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            contents?.Dispose();
            parent?.Dispose();
            contents = null;
            parent = null;
        }
    }

    private FileSystemWatcher? TryWatch(string? path, string filter, bool includeSubdirectories, NotifyFilters notifyFilter)
    {
        if (path is null || !Directory.Exists(path))
        {
            return null;
        }

        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(path, filter) { IncludeSubdirectories = includeSubdirectories, NotifyFilter = notifyFilter };
            var isContents = includeSubdirectories;
            watcher.Changed += (_, _) => changed();
            watcher.Created += (_, _) => OnEvent(isContents);
            watcher.Deleted += (_, _) => OnEvent(isContents);
            watcher.Renamed += (_, _) => OnEvent(isContents);
            watcher.Error += (_, _) => OnError(isContents);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // Gone between the check and the watch, or out of inotify watches: the caller polls until it can watch.
            watcher?.Dispose();
            return null;
        }
    }

    private void OnEvent(bool isContents)
    {
        if (!isContents)
        {
            // The folder itself came, went or was replaced: its old watch (if any) sees nothing from now on.
            lock (gate)
            {
                rearmNeeded = true;
            }
        }

        changed();
    }

    private void OnError(bool isContents)
    {
        lock (gate)
        {
            // An overflowed or broken watch: watch afresh, and check, since changes may have been lost.
            rearmNeeded = true;
            if (!isContents)
            {
                parent?.Dispose();
                parent = null;
            }
        }

        changed();
    }
}
