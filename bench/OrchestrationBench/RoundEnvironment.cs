using System.Collections;

namespace AirflowAspire.Bench.Orchestration;

/// <summary>
/// The environment every process of a round starts from, on both sides: this program's, less what the
/// process runtime would drop (parameters, an inherited runtime tag), plus <see cref="Variable"/> naming the
/// round's state directory, which every descendant inherits and so marks it as the round's.
/// </summary>
internal static class RoundEnvironment
{
    public const string Variable = "ORCHESTRATION_BENCH_ROUND";

    private const string RuntimeTag = "AIRFLOWASPIRE_PROCESS_OWNER";

    public static IReadOnlyDictionary<string, string> For(string stateDirectory)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(e => (Name: (string)e.Key, Value: (string?)e.Value ?? string.Empty))
            .Where(e => e.Name != RuntimeTag && !e.Name.StartsWith("Parameters__", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        environment[Variable] = stateDirectory;
        return environment;
    }
}
