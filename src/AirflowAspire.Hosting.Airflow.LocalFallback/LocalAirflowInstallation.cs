namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>
/// An Airflow installed on this machine (pip or a virtual environment): the <c>airflow</c> executable on PATH,
/// the Python interpreter it runs on, and the folder both live in (which also holds <c>celery</c>).
/// </summary>
internal sealed record LocalAirflowInstallation(string Executable, string Python)
{
    public string BinDirectory => Path.GetDirectoryName(Executable)!;

    /// <summary>The <c>airflow</c> on PATH, or null when there is none.</summary>
    public static LocalAirflowInstallation? Find() =>
        LocalProcesses.FindOnPath("airflow") is { } executable ? new(executable, InterpreterOf(executable)) : null;

    /// <summary>
    /// The interpreter of pip's console script: its shebang (<c>#!/venv/bin/python3</c>), or the line of pip's
    /// <c>#!/bin/sh</c> form for long paths (<c>'''exec' "/venv/bin/python3" "$0" "$@"</c>); else a python beside it.
    /// </summary>
    internal static string InterpreterOf(string executable)
    {
        var lines = ReadHead(executable);
        if (lines.Count > 0 && lines[0].StartsWith("#!", StringComparison.Ordinal))
        {
            var shebang = lines[0][2..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (shebang.Length > 0 && IsPython(shebang[0]))
            {
                return shebang[0];
            }

            if (shebang is [_, var program, ..] && Path.GetFileName(shebang[0]) == "env" && IsPython(program))
            {
                return Beside(executable) ?? LocalProcesses.FindOnPath(program) ?? program;
            }

            if (lines.Count > 1 && lines[1].StartsWith("'''exec' \"", StringComparison.Ordinal) && lines[1].Split('"') is [_, var quoted, ..] && IsPython(quoted))
            {
                return quoted;
            }
        }

        return Beside(executable) ?? LocalProcesses.FindOnPath("python3") ?? "python3";
    }

    private static string? Beside(string executable) =>
        new[] { "python3", "python" }.Select(p => Path.Combine(Path.GetDirectoryName(executable)!, p)).FirstOrDefault(File.Exists);

    private static bool IsPython(string path) => Path.GetFileName(path).StartsWith("python", StringComparison.Ordinal);

    private static List<string> ReadHead(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var lines = new List<string>();
            for (var i = 0; i < 2 && reader.ReadLine() is { } line; i++)
            {
                lines.Add(line);
            }

            return lines;
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
