namespace AirflowAspire.DagChecks.Validation;

/// <summary>
/// What validate takes from the machine: the PATH it finds python3 and docker or podman on, the container runtime
/// setting, and whether stderr is a terminal (progress is shown only then). Tests pass their own.
/// </summary>
public sealed record ValidationEnvironment(string? SearchPath, string? ContainerRuntimeSetting, bool ErrorIsTerminal)
{
    public static ValidationEnvironment FromProcess() => new(
        Environment.GetEnvironmentVariable("PATH"),
        Environment.GetEnvironmentVariable(Tools.ContainerRuntimeLocator.SettingVariable),
        !Console.IsErrorRedirected);
}
