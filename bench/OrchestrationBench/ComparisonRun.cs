using AirflowAspire.Hosting;

namespace AirflowAspire.Bench.Orchestration;

/// <summary>
/// One warm-up round of each side, then <c>rounds</c> of each, alternately, every round in a fresh state
/// directory. After each round it checks that no process of the round is left, kills any that is, and
/// deletes the state directory.
/// </summary>
internal sealed class ComparisonRun(BenchFolders folders, int rounds, TextWriter progress)
{
    private static readonly TimeSpan RoundLimit = TimeSpan.FromSeconds(120);

    private readonly Lazy<ServiceUser> serviceUser = new(ServiceUser.Find);

    public List<RoundTiming> Ours { get; } = [];

    public List<RoundTiming> Baseline { get; } = [];

    /// <summary>"round side: pid name" of every process a round left behind (and that was then killed).</summary>
    public List<string> LeftBehind { get; } = [];

    public int Rounds => rounds;

    public async Task ExecuteAsync()
    {
        // The warm-up of ours comes first: it creates the runtime's unprivileged user if it is missing.
        for (var round = 0; round <= rounds; round++)
        {
            var ours = await RunRoundAsync(round, "ours", (model, state) => OrchestratedRound.RunAsync(model, state, RoundLimit));
            var baseline = await RunRoundAsync(round, "base", (model, state) => DirectRound.RunAsync(model, state, () => serviceUser.Value, RoundLimit));
            if (round > 0)
            {
                Ours.Add(ours);
                Baseline.Add(baseline);
            }
        }
    }

    private async Task<RoundTiming> RunRoundAsync(int round, string side, Func<DistributedApplicationModel, string, Task<RoundTiming>> run)
    {
        var stateDirectory = folders.NewRound(round, side);
        var model = BenchModel.Build(folders.AppHost);
        try
        {
            var timing = await run(model, stateDirectory);
            progress.WriteLine($"{(round == 0 ? "warm-up" : $"round {round}"),-8} {side,-4} all healthy after {timing.AllHealthyAt.TotalSeconds:0.00} s");
            return timing;
        }
        finally
        {
            await VerifyNothingLeftAsync(round, side, stateDirectory);
        }
    }

    private async Task VerifyNothingLeftAsync(int round, string side, string stateDirectory)
    {
        var left = Leftovers.Of(stateDirectory);
        if (left.Count > 0)
        {
            LeftBehind.AddRange(left.Select(process => $"round {round} {side}: {process}"));
            progress.WriteLine($"round {round} {side} left {left.Count} processes behind: {string.Join(", ", left)}; killing them");
            await Leftovers.KillAsync(stateDirectory);
        }

        if (Directory.Exists(stateDirectory))
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }
}
