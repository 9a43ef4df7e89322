using YamlDotNet.Core;

namespace AirflowAspire.Hosting.Airflow.Settings;

/// <summary>
/// An error of a settings file, located the way an editor finds it: the file, the line, the entry's path and
/// field, what is wrong and the fix, e.g. <c>airflow_settings.yaml line 7: connections[0].conn_port "abc" is not a
/// port number: give a number from 1 to 65535</c>.
/// </summary>
internal sealed class SettingsFileError : DistributedApplicationException
{
    private SettingsFileError(string message)
        : base(message)
    {
    }

    private SettingsFileError(string message, Exception inner)
        : base(message, inner)
    {
    }

    public static SettingsFileError At(string file, Mark start, string message) => new($"{file} line {start.Line}: {message}");

    public static SettingsFileError At(string file, Mark start, string message, Exception inner) => new($"{file} line {start.Line}: {message}", inner);
}
