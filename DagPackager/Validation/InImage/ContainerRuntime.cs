namespace AirflowAspire.DagPackager.Validation.InImage;

/// <summary>A container CLI whose engine answered: its name (docker or podman) and where it is.</summary>
public sealed record ContainerRuntime(string Name, string Program);
