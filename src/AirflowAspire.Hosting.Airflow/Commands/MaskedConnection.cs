using System.Text;
using System.Text.Json;

namespace AirflowAspire.Hosting.Airflow.Commands;

/// <summary>
/// A connection as <c>airflow connections get -o json</c> prints it (a list of one: <c>ConnectionDisplayMapper.full_details</c>
/// in airflow-core/src/airflow/cli/commands/connection_command.py, which holds the password, the extra and the URI
/// with the password), reduced to what the dashboard may show: type, host, port, schema and login, and whether a
/// password and an extra are set. The password is kept only to mask it in what Airflow prints afterwards.
/// </summary>
internal sealed class MaskedConnection
{
    public const string Mask = "***";

    private static readonly string[] Shown = ["conn_type", "host", "port", "schema", "login"];

    private readonly List<(string Name, string Value)> fields;
    private readonly string password;

    private MaskedConnection(List<(string Name, string Value)> fields, string password)
    {
        this.fields = fields;
        this.password = password;
    }

    /// <summary>The connection in Airflow's answer; null when the answer is not that JSON (then it must not be shown: it may hold the password).</summary>
    public static MaskedConnection? Read(string answer) =>
        // The JSON starts a line (Rich's print_json may spread it over many); a log line before it may start with '[' too.
        LineStarts(answer).Where(i => answer[i] == '[').Select(i => ReadFrom(answer[i..])).FirstOrDefault(c => c is not null);

    private static IEnumerable<int> LineStarts(string text) =>
        text.Length == 0 ? [] : [0, .. text.Select((c, i) => (c, i)).Where(x => x.c == '\n' && x.i + 1 < text.Length).Select(x => x.i + 1)];

    private static MaskedConnection? ReadFrom(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind != JsonValueKind.Array || json.RootElement.GetArrayLength() != 1
                || json.RootElement[0] is not { ValueKind: JsonValueKind.Object } connection)
            {
                return null;
            }

            var fields = Shown.Select(name => (name, connection.TryGetProperty(name, out var value) ? Text(value) : "")).ToList();
            var password = connection.TryGetProperty("password", out var secret) ? Text(secret) : "";
            fields.Add(("password", password.Length > 0 ? "set (not shown)" : "not set"));
            var extra = connection.TryGetProperty("extra_dejson", out var extraValue)
                && extraValue.ValueKind is JsonValueKind.Object && extraValue.EnumerateObject().Any();
            fields.Add(("extra", extra ? "set (not shown)" : "not set"));
            return new MaskedConnection(fields, password);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One line per field, e.g. <c>host: warehouse-server</c>; never the password or the extra.</summary>
    public string Describe() => string.Join('\n', fields.Select(f => $"{f.Name}: {(f.Value.Length == 0 ? "not set" : f.Value)}"));

    /// <summary><paramref name="text"/> with the password, as it is and as a URI writes it, replaced by <see cref="Mask"/>.</summary>
    public string MaskIn(string text)
    {
        if (password.Length == 0)
        {
            return text;
        }

        var masked = new StringBuilder(text);
        masked.Replace(password, Mask);
        masked.Replace(Uri.EscapeDataString(password), Mask);
        return masked.ToString();
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };
}
