using System.Text.Json;

namespace AirflowAspire.TestSupport;

/// <summary>
/// Reads an <c>AIRFLOW_CONN_*</c> value as Airflow does, in real Python, with the stand-in's own imitation of Airflow's
/// parsing (tests/images/airflow-standin/standin_secrets.py: <c>BaseSecretsBackend.deserialize_connection</c>, then
/// <c>Connection.from_json</c> or <c>Connection._parse_from_uri</c>, each followed line by line from Airflow's source
/// named there), so the model tests and the stand-in judge a value by one copy of Airflow's rules, not two.
/// </summary>
public static class AirflowConnectionReader
{
    private const string Script = """
        import json, os, sys
        sys.path.insert(0, os.environ["STANDIN_FOLDER"])
        import standin_secrets
        print(json.dumps(standin_secrets.get_connection("under_test")))
        """;

    private static string StandInFolder => Path.Combine(RepositoryPaths.Root, "tests", "images", "airflow-standin");

    /// <summary>The connection's fields (conn_type, host, port, login, password, schema, extra) as Airflow reads them.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Read(string value)
    {
        var python = Python.FindWith("json");
        RequiredTool.SkipOrFailIfMissing(python is null, "python3 is not installed");
        var (exitCode, stdout, stderr) = Python.Run(python!, Script, new Dictionary<string, string> { ["AIRFLOW_CONN_UNDER_TEST"] = value, ["STANDIN_FOLDER"] = StandInFolder });
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"Airflow's parsing refused the connection {value}: {stderr}");
        }

        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(stdout)!;
    }

    public static string? Text(this IReadOnlyDictionary<string, JsonElement> connection, string field) =>
        connection.TryGetValue(field, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;
}
