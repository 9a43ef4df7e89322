using System.Text;
using AirflowAspire.DagChecks.Validation.Findings;

namespace AirflowAspire.DagPackager.Validation.Output;

/// <summary>validate's readable output: the problems as a table, the DAG ids found, and a summary line.</summary>
public static class TableReportWriter
{
    public static void Write(TextWriter output, ValidationReport report, string dagFolder)
    {
        output.WriteLine($"DAG folder: {Path.GetFullPath(dagFolder)}");
        output.WriteLine();
        if (report.Problems.Count == 0)
        {
            output.WriteLine("No problems found.");
        }
        else
        {
            WriteTable(output, ["LOCATION", "SEVERITY", "CODE", "MESSAGE"], report.Problems.Select(p =>
                new[] { p.Location, JsonReportWriter.SeverityName(p.Severity), p.Code, p.Message }));
        }

        output.WriteLine();
        if (report.Dags.Count == 0)
        {
            output.WriteLine("DAGs found: none");
        }
        else
        {
            output.WriteLine($"DAGs found ({report.Dags.Count}):");
            WriteTable(output, ["DAG ID", "DEFINED AT"], report.Dags.Select(d => new[] { d.DagId, d.Location }), indent: "  ");
        }

        output.WriteLine();
        output.WriteLine(Summary(report));
    }

    public static string Summary(ValidationReport report) =>
        $"{Plural(report.FilesChecked, "file")} checked, {Plural(report.Dags.Count, "DAG")}: " +
        $"{Plural(report.Count(Severity.Error), "error")}, {Plural(report.Count(Severity.Warning), "warning")}, " +
        $"{Plural(report.Count(Severity.Info), "info")}.";

    private static string Plural(int count, string noun) => count == 1 || noun == "info" ? $"{count} {noun}" : $"{count} {noun}s";

    private static void WriteTable(TextWriter output, string[] header, IEnumerable<string[]> rows, string indent = "")
    {
        var all = new List<string[]> { header };
        all.AddRange(rows.Select(row => row.Select(OneLine).ToArray()));
        var widths = Enumerable.Range(0, header.Length - 1).Select(column => all.Max(row => row[column].Length)).ToArray();
        foreach (var row in all)
        {
            var line = new StringBuilder(indent);
            for (var column = 0; column < row.Length; column++)
            {
                line.Append(column < widths.Length ? row[column].PadRight(widths[column] + 2) : row[column]);
            }

            output.WriteLine(line.ToString().TrimEnd());
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
