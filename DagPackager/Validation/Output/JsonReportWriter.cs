using System.Text.Encodings.Web;
using System.Text.Json;
using AirflowAspire.DagChecks.Validation.Findings;

namespace AirflowAspire.DagPackager.Validation.Output;

/// <summary>
/// validate --json. The schema is stable: <c>{ "dags": [{"dagId","file","line"}], "problems": [{"file","line",
/// "column","severity","code","message"}] }</c>; line and column may be null, severity is error, warning or info.
/// </summary>
public static class JsonReportWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, ValidationReport report)
    {
        var document = new
        {
            dags = report.Dags.Select(d => new { dagId = d.DagId, file = d.File, line = d.Line }),
            problems = report.Problems.Select(p => new
            {
                file = p.File,
                line = p.Line,
                column = p.Column,
                severity = SeverityName(p.Severity),
                code = p.Code,
                message = p.Message,
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(document, Options));
    }

    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };
}
