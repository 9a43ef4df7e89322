namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>What one CLI command printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The CLI's own words for what went wrong: its error output, or its output when that is empty.</summary>
    public string Message
    {
        get
        {
            var text = string.IsNullOrWhiteSpace(StandardError) ? StandardOutput : StandardError;
            return text.Trim();
        }
    }
}
