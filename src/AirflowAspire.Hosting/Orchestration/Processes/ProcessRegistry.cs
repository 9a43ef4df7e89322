using System.Text.Json;

namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>
/// The file of the processes a run started, so the next run can end them if this one was killed. A
/// process is known by its PID and its start time in this boot: a PID that was recycled for another
/// process has another start time and is left alone. (The executable is no test: rabbitmq-server
/// execs erl, which execs beam.smp.)
/// </summary>
internal sealed class ProcessRegistry(string file)
{
    private readonly Lock gate = new();

    public void Add(string instance, int pid)
    {
        if (ProcessStat.Read(pid) is not { } stat)
        {
            return;
        }

        lock (gate)
        {
            var entries = Load();
            entries.Add(new Entry(instance, pid, stat.StartTime, ProcessStat.BootId));
            Save(entries);
        }
    }

    public void Remove(int pid)
    {
        lock (gate)
        {
            var entries = Load();
            if (entries.RemoveAll(e => e.Pid == pid) > 0)
            {
                Save(entries);
            }
        }
    }

    /// <summary>The recorded processes that still run, each the very process that was recorded.</summary>
    public IReadOnlyList<int> StillRunning()
    {
        lock (gate)
        {
            var bootId = ProcessStat.BootId;
            return Load()
                .Where(e => e.BootId == bootId && ProcessStat.Read(e.Pid) is { IsZombie: false } stat && stat.StartTime == e.StartTime)
                .Select(e => e.Pid)
                .ToList();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }

    private List<Entry> Load()
    {
        try
        {
            return File.Exists(file) ? JsonSerializer.Deserialize<List<Entry>>(File.ReadAllText(file)) ?? [] : [];
        }
        catch (JsonException)
        {
            // A run killed while writing leaves a torn file; its processes are still found by their tag.
            return [];
        }
    }

    private void Save(List<Entry> entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(entries));
        File.Move(temporary, file, overwrite: true);
    }

    private sealed record Entry(string Instance, int Pid, long StartTime, string BootId);
}
