namespace AirflowAspire.Bench.Manifest;

/// <summary>The samples of one step over all measured runs, summarized by their medians.</summary>
internal sealed class StepTimings
{
    private readonly List<Sample> samples = [];

    public void Add(Sample sample) => samples.Add(sample);

    public double MedianMilliseconds => Median(samples.Select(s => s.Milliseconds));

    public double MedianAllocatedBytes => Median(samples.Select(s => (double)s.AllocatedBytes));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
