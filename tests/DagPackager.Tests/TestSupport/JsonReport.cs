using System.Text.Json;

namespace AirflowAspire.DagPackager.Tests.TestSupport;

/// <summary>validate --json read back, keeping the raw document for schema checks.</summary>
public sealed record JsonReport(JsonDocument Document, IReadOnlyList<JsonReport.Dag> Dags, IReadOnlyList<JsonReport.Problem> Problems)
{
    public sealed record Dag(string DagId, string File, int? Line);

    public sealed record Problem(string File, int? Line, int? Column, string Severity, string Code, string Message);

    private sealed record Shape(List<Dag> Dags, List<Problem> Problems);

    public static JsonReport Parse(string json)
    {
        var shape = JsonSerializer.Deserialize<Shape>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        return new JsonReport(JsonDocument.Parse(json), shape.Dags, shape.Problems);
    }

    public IEnumerable<Problem> WithCode(string code) => Problems.Where(p => p.Code == code);
}
