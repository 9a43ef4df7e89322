using System.Text;

namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>
/// A container's environment in a file only the user can read, for <c>--env-file</c>: values in process
/// arguments would show in <c>ps</c> to every user of the machine. Deleted on dispose, right after
/// <c>run</c> has read it.
/// </summary>
internal sealed class EnvFile : IDisposable
{
    private EnvFile(string path) => Path = path;

    public string Path { get; }

    /// <summary>Writes <paramref name="content"/>, made by <see cref="Render"/>, to a new file.</summary>
    public static EnvFile Write(string content)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"airflowaspire-{Guid.NewGuid():N}.env");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content));
        }

        return new EnvFile(path);
    }

    /// <summary>
    /// The lines <c>KEY=VALUE</c>; throws <see cref="WorkloadStartException"/> for a variable the format cannot
    /// carry. The format has no quoting: a value is taken as written up to the end of
    /// its line, so a value may hold anything but a line break, and a name no '=' or white space.
    /// </summary>
    public static string Render(string resourceName, string cli, IReadOnlyDictionary<string, string> environment)
    {
        var content = new StringBuilder();
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (name.Length == 0 || name.Any(c => c == '=' || c == '\0' || char.IsWhiteSpace(c)) || name[0] == '#')
            {
                throw new WorkloadStartException(
                    $"Resource '{resourceName}' has the environment variable name '{name}', which {cli} cannot pass: " +
                    "a name must not be empty, start with '#', or contain '=' or white space. Rename the variable in the AppHost.");
            }

            if (value.Any(c => c is '\n' or '\r' or '\0'))
            {
                throw new WorkloadStartException(
                    $"Resource '{resourceName}': the value of the environment variable '{name}' contains a line break, which " +
                    $"{cli}'s --env-file cannot carry. Remove the line break from the value in the AppHost (for a key or " +
                    "certificate, pass it base64-encoded or mount it as a file).");
            }

            content.Append(name).Append('=').Append(value).Append('\n');
        }

        return content.ToString();
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Only the user can read it, and the temp folder is cleaned in time; nothing better to do here.
        }
    }
}
