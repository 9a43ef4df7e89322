using System.Text;
using System.Text.Json;

namespace AirflowAspire.DagChecks;

/// <summary>
/// <c>dags.lock.json</c>: the DAG image the AppHost runs instead of the official one. <c>dag-packager release</c>
/// writes it with fixed key order, two-space indents, '\n' line ends and no timestamp, so the same release writes
/// the same bytes; the AppHost reads it at Build().
/// </summary>
/// <param name="Image">The repository, without a tag.</param>
/// <param name="DagHash">The hash of what went into the image; null when read from a lock without it (the AppHost does not use it).</param>
/// <param name="AirflowVersion">The Airflow the image was built on; null when read from a lock without it.</param>
public sealed record DagImageLock(string Image, string Tag, string? DagHash, string? AirflowVersion)
{
    public const string FileName = "dags.lock.json";

    public string Reference => $"{Image}:{Tag}";

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            writer.WriteStartObject();
            writer.WriteString("image", Image);
            writer.WriteString("tag", Tag);
            writer.WriteString("dagHash", DagHash);
            writer.WriteString("airflowVersion", AirflowVersion);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the file whole or not at all (a temporary file renamed over it); its folder must exist.</summary>
    public void Write(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temporary, ToJson(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Reads a lock file: "image" and "tag" must be non-empty strings, "airflowVersion" one too when present;
    /// "dagHash" is taken when it is a string.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message says how (to follow "is malformed: ").</exception>
    public static DagImageLock Read(string path)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not JSON ({e.Message})");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("not a JSON object");
        }

        string? Text(string property, bool required)
        {
            if (!root.TryGetProperty(property, out var value))
            {
                return required ? throw new InvalidDataException($"no \"{property}\"") : null;
            }

            return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : throw new InvalidDataException($"\"{property}\" is not a non-empty string");
        }

        var image = Text("image", required: true)!;
        var tag = Text("tag", required: true)!;
        var airflowVersion = Text("airflowVersion", required: false);
        var dagHash = root.TryGetProperty("dagHash", out var hash) && hash.ValueKind == JsonValueKind.String ? hash.GetString() : null;
        return new DagImageLock(image, tag, dagHash, airflowVersion);
    }

    /// <summary>The image of an existing lock file, or null when there is none or it cannot be read.</summary>
    public static string? ImageOf(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.String ? image.GetString() : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }
}
