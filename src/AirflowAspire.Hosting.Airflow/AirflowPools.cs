namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// The pools of WithPool, set by the init after the migration and the admin user: one <c>airflow pools set NAME
/// SLOTS DESCRIPTION</c> each, which creates the pool or updates it (<c>pool_set</c> in
/// airflow-core/src/airflow/cli/commands/pool_command.py, through <c>Pool.create_or_update_pool</c>), so every run
/// of the init leaves the same pools. Name, slots and description reach the command as variables of the init, so no
/// quoting of their text is needed in any output's shell or manifest.
/// </summary>
internal static class AirflowPools
{
    private static string Variable(int index, string part) => $"AIRFLOWASPIRE_POOL_{index}_{part}";

    /// <summary>The init's arguments: the admin user's script, then a <c>pools set</c> per pool; without pools exactly <see cref="AirflowAdminUser.CreateArgs"/>.</summary>
    public static IReadOnlyList<string> InitArgs(AirflowResource airflow) =>
        airflow.Pools.Count == 0 ? AirflowAdminUser.CreateArgs : ["bash", "-c", InitScript(airflow)];

    /// <summary>The admin user's script followed by the pools' commands, each run only when the one before succeeded.</summary>
    public static string InitScript(AirflowResource airflow) =>
        AirflowAdminUser.CreateScript + string.Concat(airflow.Pools.Select((_, i) =>
            $" && airflow pools set \"${Variable(i, "NAME")}\" \"${Variable(i, "SLOTS")}\" \"${Variable(i, "DESCRIPTION")}\""));

    /// <summary>The variables the pools' commands read, for the init's environment.</summary>
    public static void Apply(AirflowResource airflow, IDictionary<string, object> env)
    {
        foreach (var (pool, i) in airflow.Pools.Select((p, i) => (p, i)))
        {
            env[Variable(i, "NAME")] = pool.Name;
            env[Variable(i, "SLOTS")] = pool.Slots.ToString(System.Globalization.CultureInfo.InvariantCulture);
            env[Variable(i, "DESCRIPTION")] = pool.Description;
        }
    }
}
