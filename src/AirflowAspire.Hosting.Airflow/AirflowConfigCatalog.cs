namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// Which configuration options exist in which Airflow version, so a misspelt or moved option fails at
/// Build() instead of being silently ignored by Airflow. Airflow 3 is checked option by option in the
/// sections it knows; sections it does not know (other providers) pass. Airflow 2 is checked against what
/// Airflow 3 added.
/// </summary>
internal static partial class AirflowConfigCatalog
{
    private static readonly Lazy<Dictionary<string, HashSet<string>>> Airflow3 = new(() =>
        Airflow3OptionsBySection.ToDictionary(
            s => s.Key,
            s => s.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)));

    /// <summary>Sections that Airflow 3 introduced; none of their options exist in Airflow 2.</summary>
    private static readonly string[] SectionsNewInAirflow3 = ["api_auth", "execution_api", "dag_processor", "workers"];

    /// <summary>Sections Airflow 3 removed; their options moved (see <see cref="MovedInAirflow3"/>) or are gone.</summary>
    private static readonly string[] SectionsRemovedInAirflow3 = ["webserver"];

    /// <summary>Options that Airflow 3 introduced in sections that Airflow 2 already had.</summary>
    private static readonly HashSet<string> OptionsNewInAirflow3 =
    [
        "core.execution_api_server_url", "core.simple_auth_manager_users", "core.simple_auth_manager_all_admins",
        "core.simple_auth_manager_passwords_file", "core.multi_team",
        "api.base_url", "api.host", "api.port", "api.workers", "api.worker_timeout", "api.ssl_cert", "api.ssl_key",
        "api.log_config", "api.expose_config", "api.secret_key", "api.enable_swagger_ui", "api.instance_name",
        "api.grid_view_sorting_order", "api.log_fetch_timeout_sec", "api.hide_paused_dags_by_default", "api.page_size",
        "api.default_wrap", "api.auto_refresh_interval", "api.require_confirmation_dag_change", "api.theme",
        "api.expose_stacktrace", "triggerer.capacity",
    ];

    public static bool Exists(string section, string option, AirflowVersion version) =>
        Check(section.ToLowerInvariant(), option.ToLowerInvariant(), version) is null;

    public static bool IsSensitive(string section, string option) =>
        SensitiveOptions.Contains($"{section.ToLowerInvariant()}.{option.ToLowerInvariant()}");

    public static void ThrowIfUnknown(string section, string option, AirflowVersion version, string resourceName)
    {
        if (Check(section.ToLowerInvariant(), option.ToLowerInvariant(), version) is { } problem)
        {
            throw new DistributedApplicationException($"Airflow '{resourceName}': {problem}");
        }
    }

    /// <summary>Why the option does not exist in the version, or null when it does.</summary>
    private static string? Check(string section, string option, AirflowVersion version)
    {
        var key = $"{section}.{option}";
        return version.Major >= 3 ? CheckAirflow3(section, option, key, version) : CheckAirflow2(section, key, version);
    }

    private static string? CheckAirflow3(string section, string option, string key, AirflowVersion version)
    {
        if (Airflow3.Value.TryGetValue(section, out var options) && options.Contains(option))
        {
            return null;
        }

        if (MovedInAirflow3.TryGetValue(key, out var moved))
        {
            var (newSection, newOption) = Split(moved);
            return $"the option [{section}] {option} does not exist in Airflow {version}; Airflow 3 moved it to " +
                   $"[{newSection}] {newOption}: use WithConfig(\"{newSection}\", \"{newOption}\", ...).";
        }

        if (Airflow3.Value.ContainsKey(section) || SectionsRemovedInAirflow3.Contains(section))
        {
            return $"the option [{section}] {option} does not exist in Airflow {version}. Check its spelling against " +
                   "the configuration reference of that version (airflow config list shows every option).";
        }

        return null;
    }

    private static string? CheckAirflow2(string section, string key, AirflowVersion version)
    {
        if (!SectionsNewInAirflow3.Contains(section) && !OptionsNewInAirflow3.Contains(key))
        {
            return null;
        }

        var before = MovedInAirflow3.FirstOrDefault(m => m.Value == key).Key;
        var (oldSection, oldOption) = before is null ? (null, null) : Split(before);
        return $"the option [{Split(key).Section}] {Split(key).Option} exists only from Airflow 3.0, and this is Airflow {version}" +
               (before is null ? "." : $"; in Airflow 2 it is [{oldSection}] {oldOption}: use WithConfig(\"{oldSection}\", \"{oldOption}\", ...).");
    }

    private static (string Section, string Option) Split(string key)
    {
        var dot = key.IndexOf('.');
        return (key[..dot], key[(dot + 1)..]);
    }
}
