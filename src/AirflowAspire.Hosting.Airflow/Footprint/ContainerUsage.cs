using System.Globalization;

namespace AirflowAspire.Hosting.Airflow.Footprint;

/// <summary>One container's CPU and memory use, as one line of <c>docker stats --no-stream --format</c> (or podman's) gives it.</summary>
internal sealed record ContainerUsage(string ContainerId, double CpuPercent, long MemoryBytes)
{
    /// <summary>What <see cref="Parse"/> reads: id, CPU %, memory used "/" limit, tab-separated.</summary>
    public const string Format = "{{.ID}}\t{{.CPUPerc}}\t{{.MemUsage}}";

    private static readonly (string Suffix, double Factor)[] Units =
    [
        ("KiB", 1024d), ("MiB", 1024d * 1024), ("GiB", 1024d * 1024 * 1024), ("TiB", 1024d * 1024 * 1024 * 1024),
        ("kB", 1e3), ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("B", 1d),
    ];

    /// <summary><c>3f2a…\t1.25%\t312.4MiB / 7.7GiB</c>; null for a line that is not one (a header, a container that just went: <c>--</c>).</summary>
    public static ContainerUsage? Parse(string line)
    {
        var fields = line.Trim().Split('\t');
        if (fields.Length != 3 || fields[0].Length == 0
            || !double.TryParse(fields[1].Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var cpu))
        {
            return null;
        }

        var used = fields[2].Split('/')[0].Trim();
        return Bytes(used) is { } memory ? new ContainerUsage(fields[0].Trim(), cpu, memory) : null;
    }

    /// <summary>Whether this line is about the container whose full id is given (docker prints a 12-character prefix).</summary>
    public bool IsOf(string fullContainerId) => fullContainerId.StartsWith(ContainerId, StringComparison.OrdinalIgnoreCase);

    public static string Memory(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.00} GiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
    };

    public static string Cpu(double percent) => string.Create(CultureInfo.InvariantCulture, $"{percent:0.0}%");

    private static long? Bytes(string text)
    {
        foreach (var (suffix, factor) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return (long)Math.Round(value * factor);
            }
        }

        return null;
    }
}
