namespace AirflowAspire.Bench.LogIngestion;

/// <summary>The least a bounded log can do: overwrite the oldest string in an array.</summary>
internal sealed class PlainRing(int capacity)
{
    private readonly string[] items = new string[capacity];
    private long written;

    public void Add(string line) => items[written++ % items.Length] = line;
}
