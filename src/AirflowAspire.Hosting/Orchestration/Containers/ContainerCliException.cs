namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>A docker or podman command failed; the message names the command's purpose and gives the CLI's words.</summary>
public sealed class ContainerCliException(string message) : Exception(message);
