using System.Diagnostics;

namespace AirflowAspire.Bench.Manifest;

/// <summary>How long one step took and how many bytes it allocated on this thread.</summary>
internal readonly record struct Sample(double Milliseconds, long AllocatedBytes)
{
    public static Sample Of<T>(Func<T> step, out T result)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        result = step();
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new Sample(elapsed.TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }

    public static Sample operator +(Sample a, Sample b) =>
        new(a.Milliseconds + b.Milliseconds, a.AllocatedBytes + b.AllocatedBytes);
}
