namespace AirflowAspire.DagPackager.Validation.Tools;

/// <summary>How a program ended, with what it printed on stderr.</summary>
public sealed record ProcessResult(int ExitCode, string StandardError);
