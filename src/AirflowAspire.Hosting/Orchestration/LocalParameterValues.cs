using System.Text.Json;
using AirflowAspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>
/// Parameter values for local runs. A value set in configuration (<c>Parameters:{name}</c>: appsettings.json,
/// the environment variable <c>Parameters__{name}</c> or <c>--Parameters:{name}=...</c>) wins; a generated
/// secret is made once and kept in a file only the user can read, so passwords and keys stay the same
/// across runs and the data in volumes stays readable.
/// </summary>
public sealed class LocalParameterValues
{
    private readonly IConfiguration configuration;
    private readonly string stateFile;
    private readonly Lock gate = new();

    public LocalParameterValues(IConfiguration configuration, string stateFile)
    {
        this.configuration = configuration;
        this.stateFile = stateFile;
    }

    /// <summary>The file for an application, in its <see cref="AppStateDirectory"/>.</summary>
    public static string DefaultStateFile(string applicationName) =>
        Path.Combine(AppStateDirectory.For(applicationName), "parameters.json");

    public string Get(ParameterResource parameter)
    {
        if (configuration[$"Parameters:{parameter.Name}"] is { Length: > 0 } configured)
        {
            return configured;
        }

        if (parameter.IsConnectionString)
        {
            return configuration[$"ConnectionStrings:{parameter.Name}"] is { Length: > 0 } connectionString
                ? connectionString
                : throw new DistributedApplicationException(
                    $"The connection string '{parameter.Name}' has no value. Set it in the AppHost's appsettings.json under " +
                    $"\"ConnectionStrings\": {{ \"{parameter.Name}\": \"...\" }}, or in the environment variable ConnectionStrings__{parameter.Name}.");
        }

        if (parameter.Generate is not { } generate)
        {
            throw new DistributedApplicationException(
                $"Parameter '{parameter.Name}' has no value. Set it in the AppHost's appsettings.json under " +
                $"\"Parameters\": {{ \"{parameter.Name}\": \"...\" }}, or in the environment variable Parameters__{parameter.Name}.");
        }

        lock (gate)
        {
            var stored = Load();
            if (!stored.TryGetValue(parameter.Name, out var value))
            {
                value = SecretGenerator.Generate(generate);
                stored[parameter.Name] = value;
                Save(stored);
            }

            return value;
        }
    }

    /// <summary>Forgets the generated values, e.g. when volumes are reset and old passwords no longer matter.</summary>
    public void Reset()
    {
        lock (gate)
        {
            File.Delete(stateFile);
        }
    }

    private Dictionary<string, string> Load()
    {
        if (!File.Exists(stateFile))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(stateFile))
                   ?? new Dictionary<string, string>(StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new DistributedApplicationException(
                $"The stored parameter values in {stateFile} are not valid JSON ({e.Message}). Fix or delete the file; " +
                "deleting it generates new secrets, which existing data volumes will not accept.");
        }
    }

    private void Save(Dictionary<string, string> values)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(stateFile)!);
        var temporary = stateFile + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, values, new JsonSerializerOptions { WriteIndented = true });
        }

        File.Move(temporary, stateFile, overwrite: true);
    }
}
