using System.Text.Json;

namespace AirflowAspire.TestSupport;

/// <summary>
/// Reads an <c>AIRFLOW_CONN_*</c> value as Airflow does, in real Python: <c>BaseSecretsBackend.deserialize_connection</c>
/// (airflow-core/src/airflow/secrets/base_secrets.py: strip, JSON when the first character is <c>{</c>, else a URI) and
/// <c>Connection.from_json</c> / <c>Connection._parse_from_uri</c> / <c>_normalize_conn_type</c>
/// (airflow-core/src/airflow/models/connection.py: <c>json.loads</c>, <c>extra</c> kept as JSON text, the port made an
/// int; a URI's parts unquoted). Not Airflow: its parsing, followed line by line.
/// </summary>
public static class AirflowConnectionReader
{
    private const string Script = """
        import json, os
        from urllib.parse import parse_qsl, unquote, urlsplit

        def normalize_conn_type(conn_type):
            if conn_type == "postgresql":
                conn_type = "postgres"
            elif "-" in conn_type:
                conn_type = conn_type.replace("-", "_")
            return conn_type

        def from_json(value):
            kwargs = json.loads(value)
            extra = kwargs.pop("extra", None)
            if extra:
                kwargs["extra"] = extra if isinstance(extra, str) else json.dumps(extra)
            conn_type = kwargs.pop("conn_type", None)
            if conn_type:
                kwargs["conn_type"] = normalize_conn_type(conn_type)
            port = kwargs.pop("port", None)
            if port:
                kwargs["port"] = int(port)
            return kwargs

        def from_uri(uri):
            parts = urlsplit(uri)
            rest = urlsplit(uri.replace(f"{parts.scheme}://", "//"))
            return {"conn_type": normalize_conn_type(parts.scheme), "host": unquote(rest.hostname or ""),
                    "schema": unquote(rest.path[1:]) if rest.path[1:] else rest.path[1:],
                    "login": unquote(rest.username) if rest.username else rest.username,
                    "password": unquote(rest.password) if rest.password else rest.password, "port": rest.port}

        value = os.environ["AIRFLOW_CONN_UNDER_TEST"].strip()
        print(json.dumps(from_json(value) if value[0] == "{" else from_uri(value)))
        """;

    /// <summary>The connection's fields (conn_type, host, port, login, password, schema, extra) as Airflow reads them.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Read(string value)
    {
        var python = Python.FindWith("json");
        RequiredTool.SkipOrFailIfMissing(python is null, "python3 is not installed");
        var (exitCode, stdout, stderr) = Python.Run(python!, Script, new Dictionary<string, string> { ["AIRFLOW_CONN_UNDER_TEST"] = value });
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"Airflow's parsing refused the connection {value}: {stderr}");
        }

        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(stdout)!;
    }

    public static string? Text(this IReadOnlyDictionary<string, JsonElement> connection, string field) =>
        connection.TryGetValue(field, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;
}
