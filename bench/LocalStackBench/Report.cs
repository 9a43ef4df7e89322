using AirflowAspire.Hosting.Airflow.Footprint;

namespace AirflowAspire.Bench.LocalStack;

/// <summary>Prints each run and the medians against the goals (issue #21: all healthy within 60 s on 2 cores, within 2.5 GiB).</summary>
internal static class Report
{
    private static readonly TimeSpan HealthyGoal = TimeSpan.FromSeconds(60);

    private const long MemoryGoalBytes = 5L * 1024 * 1024 * 1024 / 2;

    public static void Run(int number, StackRun stack, StackRun baseline)
    {
        Console.WriteLine($"run {number}: all healthy {Seconds(stack.Healthy)} (Postgres + Redis alone {Seconds(baseline.Healthy)}, ratio {stack.Healthy / baseline.Healthy:0.00}); " +
            $"memory {ContainerUsage.Memory(stack.TotalMemoryBytes)} (alone {ContainerUsage.Memory(baseline.TotalMemoryBytes)}, ratio {(double)stack.TotalMemoryBytes / baseline.TotalMemoryBytes:0.0})");
        foreach (var (name, bytes) in stack.MemoryBytes.OrderByDescending(m => m.Value))
        {
            Console.WriteLine($"    {name,-24} {ContainerUsage.Memory(bytes),12}");
        }
    }

    public static void Summary(IReadOnlyList<(StackRun Stack, StackRun Baseline)> runs)
    {
        var healthy = runs.Select(r => r.Stack.Healthy).Order().ElementAt(runs.Count / 2);
        var memory = runs.Select(r => r.Stack.TotalMemoryBytes).Order().ElementAt(runs.Count / 2);
        Console.WriteLine($"median: all healthy {Seconds(healthy)} (goal {Seconds(HealthyGoal)}: {(healthy <= HealthyGoal ? "met" : "missed")}), " +
            $"memory {ContainerUsage.Memory(memory)} (goal {ContainerUsage.Memory(MemoryGoalBytes)}: {(memory <= MemoryGoalBytes ? "met" : "missed")})");
    }

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds:0.0} s";
}
