namespace AirflowAspire.Hosting.Orchestration;

/// <summary>
/// Where a local run keeps what must outlive it (generated secrets, process runtime data):
/// <c>$AIRFLOWASPIRE_STATE_DIR/{app}</c>, by default <c>~/.airflowaspire/{app}</c>.
/// </summary>
public static class AppStateDirectory
{
    public const string EnvironmentVariable = "AIRFLOWASPIRE_STATE_DIR";

    public static string For(string applicationName)
    {
        var root = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".airflowaspire");
        return Path.Combine(root, applicationName);
    }
}
