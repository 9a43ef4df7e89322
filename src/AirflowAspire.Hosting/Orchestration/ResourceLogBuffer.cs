namespace AirflowAspire.Hosting.Orchestration;

/// <summary>
/// The last lines of one resource's output, in a fixed-size ring so memory stays bounded however much it
/// writes. Older lines are dropped and counted.
/// </summary>
public sealed class ResourceLogBuffer(int capacity)
{
    private readonly LogLine?[] ring = new LogLine?[capacity];
    private readonly Lock gate = new();
    private long written;

    public int Capacity => ring.Length;

    /// <summary>Lines written in all.</summary>
    public long Written
    {
        get
        {
            lock (gate)
            {
                return written;
            }
        }
    }

    /// <summary>Lines that no longer fit and were dropped.</summary>
    public long Dropped
    {
        get
        {
            lock (gate)
            {
                return Math.Max(0, written - ring.Length);
            }
        }
    }

    public LogLine Add(DateTimeOffset timestamp, string text, bool isError)
    {
        lock (gate)
        {
            var line = new LogLine(++written, timestamp, text, isError);
            ring[(written - 1) % ring.Length] = line;
            return line;
        }
    }

    /// <summary>The kept lines with a sequence number above <paramref name="afterSequence"/>, oldest first.</summary>
    public IReadOnlyList<LogLine> Snapshot(long afterSequence = 0)
    {
        lock (gate)
        {
            var first = Math.Max(Math.Max(1, written - ring.Length + 1), afterSequence + 1);
            var lines = new List<LogLine>((int)Math.Max(0, written - first + 1));
            for (var sequence = first; sequence <= written; sequence++)
            {
                lines.Add(ring[(sequence - 1) % ring.Length]!);
            }

            return lines;
        }
    }
}
