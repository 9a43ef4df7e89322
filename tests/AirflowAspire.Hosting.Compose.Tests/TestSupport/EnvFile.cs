namespace AirflowAspire.Hosting.Compose.Tests.TestSupport;

/// <summary>Reads a published <c>.env</c> as a test needs it.</summary>
public static class EnvFile
{
    /// <summary>The file's keys and values, in order, single quotes removed.</summary>
    public static Dictionary<string, string> Read(string folder) =>
        File.ReadAllLines(Path.Combine(folder, ".env"))
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Length >= 2 && p[1][0] == '\'' ? p[1][1..^1] : p[1]);
}
