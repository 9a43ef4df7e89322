using System.Text;
using System.Text.Json;
using AirflowAspire.DagPackager.Build;

namespace AirflowAspire.DagPackager.Release;

/// <summary>
/// <c>dags.lock.json</c>: the DAG image the AppHost runs instead of the official one. Written with fixed
/// key order, two-space indents, '\n' line ends and no timestamp, so the same release writes the same bytes.
/// </summary>
internal sealed record DagImageLock(string Image, string Tag, string DagHash, string AirflowVersion)
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

    /// <summary>Writes the file whole or not at all (a temporary file renamed over it).</summary>
    public void Write(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
        {
            throw new PackagerError($"The folder of the lock file {path} does not exist.");
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temporary, ToJson(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
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
