namespace AirflowAspire.DagChecks.Validation;

/// <summary>No progress: stderr is not a terminal (a pipe, a file, CI), where a redrawn line would be noise.</summary>
public sealed class NoProgress : IValidationProgress
{
    public static NoProgress Instance { get; } = new();

    public void Report(string step, int done, int total)
    {
    }

    public void Report(string step)
    {
    }

    public void Clear()
    {
    }
}
