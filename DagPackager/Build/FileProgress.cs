using System.Runtime.CompilerServices;

namespace AirflowAspire.DagPackager.Build;

/// <summary>
/// "hashing 1,234/10,000 files" on one rewritten stderr line, ten times a second, when stderr
/// is a terminal; nothing otherwise (logs and pipes get the result only).
/// </summary>
internal sealed class FileProgress : IDisposable
{
    private readonly TextWriter error;
    private readonly string activity;
    private readonly Timer? timer;
    private int lastLength;
    private bool disposed;

    public FileProgress(TextWriter error, string activity)
    {
        (this.error, this.activity) = (error, activity);
        if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
        {
            timer = new Timer(_ => Draw(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        }
    }

    public StrongBox<int> Done { get; } = new();

    /// <summary>How many files there are, once known.</summary>
    public int Total { get; set; }

    public void Dispose()
    {
        if (timer is null)
        {
            return;
        }

        timer.Dispose();
        lock (timer)
        {
            disposed = true;
            error.Write("\r" + new string(' ', lastLength) + "\r");
            lastLength = 0;
        }
    }

    private void Draw()
    {
        lock (timer!)
        {
            if (disposed || Total == 0)
            {
                return;
            }

            var line = $"{activity} {Volatile.Read(ref Done.Value):N0}/{Total:N0} files";
            error.Write("\r" + line.PadRight(lastLength));
            lastLength = line.Length;
        }
    }
}
