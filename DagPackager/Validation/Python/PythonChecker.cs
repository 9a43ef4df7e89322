using System.Text.Json;
using AirflowAspire.DagPackager.Tools;
using AirflowAspire.DagPackager.Validation.Discovery;

namespace AirflowAspire.DagPackager.Validation.Python;

/// <summary>
/// Runs check_dags.py in one python3 process for the whole folder: the file list and the rules go in on stdin,
/// one JSON line per file comes back as each is done.
/// </summary>
public static class PythonChecker
{
    public const string PythonProgram = "python3";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <exception cref="ValidationUsageException">No python3, or it failed.</exception>
    public static async Task<IReadOnlyList<FileCheck>> CheckAsync(
        IReadOnlyList<DagFile> files,
        string? searchPath,
        Action<int> onFileDone,
        CancellationToken cancellationToken)
    {
        var python = ExecutableLookup.Find(PythonProgram, searchPath) ?? throw new ValidationUsageException(
            $"validate needs {PythonProgram} to compile the DAG files, and it is not on PATH. " +
            "Install Python 3 (`apt-get install python3` on Debian or Ubuntu, or https://www.python.org/downloads/).");

        var request = JsonSerializer.Serialize(new
        {
            files = files.Select(f => new { path = f.FullPath, file = f.RelativePath }),
            importTimeCalls = ImportTimeCallRules.All.Select(r => new { pattern = r.Pattern, kind = r.Kind }),
        });

        var checks = new List<FileCheck>(files.Count);
        var result = await ProcessRunner.RunAsync(
            python,
            ["-I", "-c", EmbeddedScripts.CheckDags],
            request,
            line =>
            {
                if (line.Length > 0)
                {
                    checks.Add(JsonSerializer.Deserialize<FileCheck>(line, Json)
                        ?? throw new InvalidDataException($"check_dags.py printed an empty result: {line}"));
                    onFileDone(checks.Count);
                }
            },
            cancellationToken);

        if (result.ExitCode != 0 || checks.Count != files.Count)
        {
            throw new ValidationUsageException(
                $"{python} failed while checking the DAG files (exit code {result.ExitCode}, {checks.Count} of {files.Count} files done): " +
                result.StandardError.Trim());
        }

        return checks;
    }
}
