namespace AirflowAspire.DagChecks.Validation;

/// <summary>The exit codes of validate.</summary>
public static class ExitCodes
{
    public const int Clean = 0;
    public const int ProblemsFound = 1;

    /// <summary>Bad usage, or nothing to validate with: a missing folder, no python3, no container runtime.</summary>
    public const int BadUsage = 2;
}
