using System.Collections.Concurrent;

namespace AirflowAspire.Hosting.Publishing;

/// <summary>
/// The steps of this run that ended with a reported user error (see <see cref="ReportedFailureStep"/>): each with its
/// message, or with none when it did not run because a step before it had failed.
/// </summary>
internal sealed class ReportedStepFailures
{
    private readonly ConcurrentDictionary<string, string?> failures = new(StringComparer.Ordinal);

    /// <summary>What the failed steps reported, in no particular order.</summary>
    public IReadOnlyList<string> Messages => [.. failures.Values.OfType<string>()];

    public void Failed(string step, string message) => failures[step] = message;

    public void DidNotRun(string step) => failures.TryAdd(step, null);

    /// <summary>The first of <paramref name="steps"/> that failed or did not run; null when none did.</summary>
    public string? FirstFailed(IEnumerable<string> steps) => steps.FirstOrDefault(failures.ContainsKey);
}
