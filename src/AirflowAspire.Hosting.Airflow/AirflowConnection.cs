using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AirflowAspire.Hosting.Publishing;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// One Airflow connection declared in the model (WithConnection), given to every component as
/// <c>AIRFLOW_CONN_{ID}</c> in Airflow's JSON form, which Airflow's default secrets backend reads
/// (<c>EnvironmentVariablesBackend.get_conn_value</c>, airflow-core/src/airflow/secrets/environment_variables.py;
/// <c>Connection.from_json</c>, airflow-core/src/airflow/models/connection.py). Each part is a string, a parameter,
/// an endpoint property or an expression; a part that is not known text is written through
/// <see cref="JsonStringValue"/>, so a password with quotes or backslashes keeps the JSON valid and no output writes a
/// secret into a file.
/// </summary>
public sealed partial class AirflowConnection
{
    internal AirflowConnection(string id, string connType, IResource? resource)
    {
        Id = id;
        ConnType = connType;
        Resource = resource;
    }

    /// <summary>The connection id DAGs use, e.g. <c>warehouse</c>.</summary>
    public string Id { get; }

    /// <summary>Airflow's connection type, e.g. <c>postgres</c>, <c>redis</c>, <c>amqp</c>.</summary>
    public string ConnType { get; }

    /// <summary>The resource of the model the connection reaches, which components wait for; null for one outside the model.</summary>
    public IResource? Resource { get; }

    /// <summary>The host; for a resource of the model, its endpoint's host where the reader runs (see <see cref="Endpoint"/>).</summary>
    public object? Host { get; init; }

    public object? Port { get; init; }

    /// <summary>
    /// The endpoint host and port come from, asked for only when the value is read: a local run without a container
    /// runtime replaces the resource's endpoint before start (<see cref="ResourceReplacementAnnotation"/>).
    /// </summary>
    internal Func<EndpointReference>? Endpoint { get; init; }

    public object? Login { get; init; }

    public object? Password { get; init; }

    /// <summary>Airflow's <c>schema</c>: the database of a SQL connection.</summary>
    public object? Schema { get; init; }

    /// <summary>
    /// Airflow's <c>extra</c>, written as a JSON object (<c>Connection.from_json</c> stores it as <c>json.dumps</c> of
    /// it): each value a string or a parameter (written as JSON strings), or a <see cref="JsonNode"/> written as it is
    /// (a number, a boolean, a nested object). Empty when the connection has none.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object>> Extra { get; init; } = [];

    /// <summary>The variable Airflow looks the connection up by: <c>AIRFLOW_CONN_</c> and the id in upper case.</summary>
    public string EnvironmentVariable => $"AIRFLOW_CONN_{Id.ToUpperInvariant()}";

    /// <summary>
    /// The connection in Airflow's JSON form, e.g. <c>{"conn_type": "postgres", "host": "db", "port": "5432", ...}</c>.
    /// The port is a JSON string, which <c>Connection.from_json</c> turns into an int; absent parts are left out.
    /// </summary>
    public ReferenceExpression ToJson()
    {
        var json = new ReferenceExpressionBuilder();
        Literal("{\"conn_type\": \"" + JsonStringValue.Escape(ConnType) + "\"");
        var endpoint = Endpoint?.Invoke();
        var host = endpoint?.Property(EndpointProperty.Host) ?? Host;
        var port = endpoint?.Property(EndpointProperty.Port) ?? Port;
        foreach (var (name, value) in new[] { ("host", host), ("port", port), ("login", Login), ("password", Password), ("schema", Schema) })
        {
            if (value is null)
            {
                continue;
            }

            Literal($", \"{name}\": ");
            Value(value);
        }

        if (Extra.Count > 0)
        {
            Literal(", \"extra\": {");
            foreach (var ((key, value), i) in Extra.Select((e, i) => (e, i)))
            {
                Literal($"{(i == 0 ? "" : ", ")}\"{JsonStringValue.Escape(key)}\": ");
                Value(value);
            }

            Literal("}");
        }

        Literal("}");
        return json.Build();

        void Value(object value)
        {
            if (value is JsonNode node)
            {
                Literal(node.ToJsonString());
                return;
            }

            Literal("\"");
            switch (value)
            {
                case string text:
                    Literal(JsonStringValue.Escape(text));
                    break;
                case EndpointReferenceExpression endpointProperty:
                    // A host name or a port: nothing JSON would escape.
                    json.AppendValueProvider(endpointProperty);
                    break;
                default:
                    json.AppendValueProvider(new JsonStringValue(value));
                    break;
            }

            Literal("\"");
        }

        // Text with braces is a value of its own, which the manifest writes with its braces doubled (see LiteralText).
        void Literal(string text)
        {
            if (text.AsSpan().IndexOfAny('{', '}') >= 0)
            {
                json.AppendValueProvider(new LiteralText(text));
            }
            else
            {
                json.AppendLiteral(text);
            }
        }
    }

    /// <summary>
    /// Throws with the fix when <paramref name="id"/> cannot name a connection in an environment variable: Airflow
    /// upper-cases the id and reads <c>AIRFLOW_CONN_{ID}</c>, so it must be letters, digits and <c>_</c>, not
    /// starting with a digit (Airflow's own rule, <c>sanitize_conn_id</c>, allows more, but no other character
    /// survives every output's environment).
    /// </summary>
    internal static void ThrowIfInvalidId(string? id, string airflowName, string what)
    {
        if (!IsValidId(id))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflowName}': the {what} '{id}' cannot be an environment variable's name; use letters, digits and '_', " +
                "not starting with a digit, e.g. \"warehouse_db\".");
        }
    }

    /// <summary>Whether <paramref name="id"/> can name a connection: see <see cref="ThrowIfInvalidId"/>.</summary>
    internal static bool IsValidId(string? id) => !string.IsNullOrEmpty(id) && Identifier().IsMatch(id) && id.Length <= 250;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
