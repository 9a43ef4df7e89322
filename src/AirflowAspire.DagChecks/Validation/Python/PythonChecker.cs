using System.ComponentModel;
using System.Text.Json;
using AirflowAspire.DagChecks.Tools;
using AirflowAspire.DagChecks.Validation.Discovery;
using AirflowAspire.DagChecks.Validation.Findings;

namespace AirflowAspire.DagChecks.Validation.Python;

/// <summary>
/// Runs check_dags.py in one python3 process for the folder: the file list and the rules go in on stdin, one JSON
/// line per file comes back as each is done. A file that python3 does not finish within
/// <see cref="CheckLimits.FileTimeout"/>, or that python3 dies on, is reported as a finding on that file; the
/// process (and any child) is killed and a new one checks the files after it. Cancelling kills it too.
/// </summary>
public static class PythonChecker
{
    public const string PythonProgram = "python3";

    /// <summary>How long python3 may take to start and read the request, on a busy machine too.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <exception cref="ValidationUsageException">No python3, or it failed before checking any file.</exception>
    public static async Task<IReadOnlyList<FileCheck>> CheckAsync(
        IReadOnlyList<DagFile> files,
        string? searchPath,
        Action<int> onFileDone,
        CancellationToken cancellationToken,
        CheckLimits? limits = null)
    {
        limits ??= CheckLimits.Default;
        var python = ExecutableLookup.Find(PythonProgram, searchPath) ?? throw new ValidationUsageException(
            $"validate needs {PythonProgram} to compile the DAG files, and it is not on PATH. " +
            "Install Python 3 (`apt-get install python3` on Debian or Ubuntu, or https://www.python.org/downloads/).");

        var checks = new List<FileCheck>(files.Count);
        while (checks.Count < files.Count)
        {
            var stopped = await RunAsync(python, files.Skip(checks.Count).ToList(), limits, checks, onFileDone, cancellationToken);
            if (stopped is null)
            {
                break;
            }

            checks.Add(new FileCheck(files[checks.Count].RelativePath, false, [], [stopped]));
            onFileDone(checks.Count);
        }

        return checks;
    }

    /// <summary>One python3 run over <paramref name="files"/>; null when it checked them all, else what stopped it on the file it was at.</summary>
    private static async Task<FoundProblem?> RunAsync(
        string python, IReadOnlyList<DagFile> files, CheckLimits limits, List<FileCheck> checks, Action<int> onFileDone, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Serialize(new
        {
            files = files.Select(f => new { path = f.FullPath, file = f.RelativePath }),
            importTimeCalls = ImportTimeCallRules.All.Select(r => new { pattern = r.Pattern, kind = r.Kind }),
            memoryLimitBytes = limits.MemoryBytes,
        });

        // The watchdog: restarted at every line, so it bounds python3's start and then each file, not the folder.
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(StartTimeout);
        var ready = false;
        var done = 0;
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(
                python,
                ["-I", "-c", EmbeddedScripts.CheckDags],
                request,
                line =>
                {
                    watchdog.CancelAfter(limits.FileTimeout);
                    if (line.Length == 0)
                    {
                        return;
                    }

                    if (!ready)
                    {
                        ready = true;
                        return;
                    }

                    checks.Add(JsonSerializer.Deserialize<FileCheck>(line, Json)
                        ?? throw new InvalidDataException($"check_dags.py printed an empty result: {line}"));
                    done++;
                    onFileDone(checks.Count);
                },
                watchdog.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (!ready)
            {
                throw new ValidationUsageException($"{python} did not start within {Seconds(StartTimeout)} to check the DAG files.");
            }

            return new FoundProblem(ProblemCodes.CheckTimeout, null, null,
                $"checking it took longer than {Seconds(limits.FileTimeout)}, so validate stopped {PythonProgram}: " +
                "Airflow's DAG processor would likely time out on it too (dagbag_import_timeout); the other files were checked");
        }
        catch (Win32Exception e)
        {
            throw new ValidationUsageException($"Could not start {python}: {e.Message}");
        }

        if (done == files.Count && result.ExitCode == 0)
        {
            return null;
        }

        var said = result.StandardError.Trim().Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim();
        if (!ready || done == files.Count)
        {
            throw new ValidationUsageException(
                $"{python} failed while checking the DAG files (exit code {result.ExitCode}, {checks.Count} files done): {result.StandardError.Trim()}");
        }

        return new FoundProblem(ProblemCodes.CheckFailed, null, null,
            $"{PythonProgram} died while checking it (exit code {result.ExitCode}{(said is null ? "" : ": " + said)}); " +
            "Airflow's DAG processor would likely fail on it too; the other files were checked");
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.#} s";
}
