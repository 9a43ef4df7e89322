namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// A fernet key must be the url-safe base64 of 32 bytes, but deployment tools fill generated parameters
/// with random letters and digits. So the parameter is a seed, and Airflow derives the key from it through
/// <c>AIRFLOW__CORE__FERNET_KEY_CMD</c> (sensitive options accept a <c>_CMD</c> variant): SHA-256 of the
/// seed, base64url-encoded. Any seed gives a valid key, and the same seed always gives the same key.
/// </summary>
internal static class AirflowFernetKey
{
    public const string SeedVariable = "AIRFLOWASPIRE_FERNET_KEY_SEED";

    public const string CommandVariable = "AIRFLOW__CORE__FERNET_KEY_CMD";

    /// <summary>
    /// Airflow splits this with shlex and runs it without a shell, so it must quote for shlex; it uses the output
    /// unstripped, so the command prints no trailing newline.
    /// </summary>
    public const string Command =
        "python -c \"import base64, hashlib, os; " +
        $"print(base64.urlsafe_b64encode(hashlib.sha256(os.environ['{SeedVariable}'].encode()).digest()).decode(), end='')\"";
}
