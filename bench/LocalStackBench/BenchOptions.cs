using System.Globalization;

namespace AirflowAspire.Bench.LocalStack;

/// <param name="Runs">How many measured runs of each model.</param>
/// <param name="StandIn">Run every container on the local test images (tests/images), to check the wiring where the official images are absent.</param>
internal sealed record BenchOptions(int Runs, bool StandIn)
{
    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(1, false);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--stand-in":
                    options = options with { StandIn = true };
                    break;
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs > 0:
                    options = options with { Runs = runs };
                    i++;
                    break;
                default:
                    return null;
            }
        }

        return options;
    }
}
