namespace AirflowAspire.DagChecks.Validation;

/// <summary>Validation cannot run as asked (exit code 2); the message says why and what to do.</summary>
public sealed class ValidationUsageException(string message) : Exception(message);
