namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// One Airflow variable declared in the model (WithVariable), given to every component as <c>AIRFLOW_VAR_{KEY}</c>,
/// which Airflow's default secrets backend reads (<c>EnvironmentVariablesBackend.get_variable</c>,
/// airflow-core/src/airflow/secrets/environment_variables.py: the key in upper case).
/// </summary>
/// <param name="Key">The variable's key, e.g. <c>env</c>.</param>
/// <param name="Value">A string, or a parameter (a secret one for secret values).</param>
public sealed record AirflowVariable(string Key, object Value)
{
    public string EnvironmentVariable => $"AIRFLOW_VAR_{Key.ToUpperInvariant()}";
}

/// <summary>
/// One Airflow pool declared in the model (WithPool): created or updated after the migration with
/// <c>airflow pools set NAME SLOTS DESCRIPTION</c>, which creates a pool or changes an existing one, so running it
/// again changes nothing.
/// </summary>
public sealed record AirflowPool(string Name, int Slots, string Description);
