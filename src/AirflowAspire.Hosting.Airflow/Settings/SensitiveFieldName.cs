namespace AirflowAspire.Hosting.Airflow.Settings;

/// <summary>
/// Whether a connection's extra field or a variable holds a secret, by Airflow's own rule for masking one: its name,
/// in lower case, contains one of <c>DEFAULT_SENSITIVE_FIELDS</c> (<c>should_hide_value_for_key</c>,
/// airflow/utils/log/secrets_masker.py, now in the task SDK).
/// </summary>
internal static class SensitiveFieldName
{
    private static readonly string[] Names =
    [
        "access_token", "api_key", "apikey", "authorization", "passphrase", "passwd", "password", "private_key",
        "secret", "token", "keyfile_dict", "service_account",
    ];

    public static bool Is(string key)
    {
        var name = key.Trim().ToLowerInvariant();
        return Names.Any(sensitive => name.Contains(sensitive, StringComparison.Ordinal));
    }
}
