using System.Globalization;

namespace AirflowAspire.Hosting.Airflow.Settings;

/// <summary>
/// A settings file's entries as the declarations WithConnection, WithVariable and WithPool make, with their checks
/// (ids, duplicates, slots), so the file reaches every output as they do. As Astro CLI does (AddConnections,
/// AddPools, AddVariables in settings/settings.go of astronomer/astro-cli), a blank entry, the placeholder of
/// <c>astro dev init</c>'s file, is skipped; an entry Astro would skip for a missing part is an error here, naming
/// the part. Passwords, and extra fields and variables named as Airflow's secrets are, become secret parameters
/// (<see cref="SettingsFileSecrets"/>).
/// </summary>
internal static class SettingsFileDeclarations
{
    private static readonly string[] ConnectionFields =
        ["conn_id", "conn_type", "conn_host", "conn_schema", "conn_login", "conn_password", "conn_port", "conn_uri", "conn_extra"];

    private static readonly string[] PoolFields = ["pool_name", "pool_slot", "pool_description"];

    private static readonly string[] VariableFields = ["variable_name", "variable_value"];

    public static void Apply(IResourceBuilder<AirflowResource> airflow, SettingsFileDocument file)
    {
        foreach (var entry in file.Entries("connections", ConnectionFields).Where(e => !e.IsBlank("conn_extra")))
        {
            Declare(entry, () => AddConnection(airflow, entry));
        }

        foreach (var entry in file.Entries("pools", PoolFields).Where(e => !e.IsBlank()))
        {
            Declare(entry, () => AddPool(airflow, entry));
        }

        foreach (var entry in file.Entries("variables", VariableFields).Where(e => !e.IsBlank()))
        {
            Declare(entry, () => AddVariable(airflow, entry));
        }
    }

    private static void AddConnection(IResourceBuilder<AirflowResource> airflow, SettingsEntry entry)
    {
        var id = entry.Text("conn_id") ?? throw entry.Error("conn_id", "is missing: give the connection's id, e.g. conn_id: warehouse");
        if (entry.Text("conn_uri") is not null)
        {
            throw entry.Error("conn_uri", "is not read here: give the connection's parts instead (conn_type, conn_host, conn_port, conn_login, conn_password, conn_schema, conn_extra)");
        }

        var connType = entry.Text("conn_type") ?? throw entry.Error("conn_type", "is missing: give Airflow's connection type, e.g. conn_type: postgres");
        AirflowConnectionBuilderExtensions.ThrowIfNoConnType(airflow, id, connType);
        var port = entry.Number("conn_port", "is not a port number: give a number from 1 to 65535");
        if (port is < 0 or > 65535)
        {
            throw entry.Error("conn_port", $"{port} is not a port number: give a number from 1 to 65535");
        }

        airflow.AddConnection(new AirflowConnection(id, connType, resource: null)
        {
            Host = entry.Text("conn_host"),
            // Astro leaves out a port of 0, the value of an unset one.
            Port = port is null or 0 ? null : port.Value.ToString(CultureInfo.InvariantCulture),
            Login = entry.Text("conn_login"),
            Password = entry.Text("conn_password") is { } password ? SettingsFileSecrets.Parameter(airflow, id, "password", password).Resource : null,
            Schema = entry.Text("conn_schema"),
            Extra = ConnectionExtraReader.Read(entry, airflow, id),
        });
    }

    private static void AddPool(IResourceBuilder<AirflowResource> airflow, SettingsEntry entry)
    {
        var name = entry.Text("pool_name") ?? throw entry.Error("pool_name", "is missing: give the pool's name, e.g. pool_name: etl");
        var slots = entry.Number("pool_slot", "is not a number of slots: give a whole number, 0 or more")
            ?? throw entry.Error("pool_slot", "is missing: give the pool's number of slots, e.g. pool_slot: 4");
        if (slots < 0)
        {
            throw entry.Error("pool_slot", $"{slots} is not a number of slots: give 0 or more");
        }

        airflow.WithPool(name, slots, entry.Text("pool_description") ?? "");
    }

    private static void AddVariable(IResourceBuilder<AirflowResource> airflow, SettingsEntry entry)
    {
        var name = entry.Text("variable_name") ?? throw entry.Error("variable_name", "is missing: give the variable's key, e.g. variable_name: env");
        var value = entry.Field("variable_value") is null
            ? throw entry.Error("variable_value", "is missing: give the variable's value (\"\" for an empty one)")
            : entry.Text("variable_value") ?? "";
        if (SensitiveFieldName.Is(name))
        {
            airflow.WithVariable(name, SettingsFileSecrets.Parameter(airflow, "variable", name, value));
        }
        else
        {
            airflow.WithVariable(name, value);
        }
    }

    /// <summary>Runs a declaration, giving its own errors (an id twice, say) the entry's line.</summary>
    private static void Declare(SettingsEntry entry, Action declare)
    {
        try
        {
            declare();
        }
        catch (DistributedApplicationException error) when (error is not SettingsFileError)
        {
            throw entry.Error(error);
        }
    }
}
