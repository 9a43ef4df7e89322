namespace AirflowAspire.DagChecks.Tools;

/// <summary>
/// How a program ended, with what it printed on stderr (unless that was handed over line by line) and, from
/// <see cref="ProcessRunner.TryCapture"/>, on stdout.
/// </summary>
public sealed record ProcessResult(int ExitCode, string StandardError, string Output = "");
