using System.Text;

namespace AirflowAspire.Hosting.Publishing.Compose;

/// <summary>
/// <c>--publisher compose</c>: writes <c>docker-compose.yaml</c> into the output folder, the secrets it
/// interpolates into <c>.env</c> (readable only by you), and a <c>.gitignore</c> that keeps <c>.env</c> out of git.
/// Everything is rendered and checked before the first file is written.
/// </summary>
public sealed class ComposePublisher : IPublisher
{
    public const string FileName = "docker-compose.yaml";
    public const string GitIgnoreFileName = ".gitignore";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string Name => "compose";

    public async Task PublishAsync(DistributedApplicationModel model, PublishingOptions options, CancellationToken cancellationToken)
    {
        var directory = ResolveDirectory(options.OutputPath);
        var composePath = Path.Combine(directory, FileName);
        var envPath = Path.Combine(directory, ComposeEnvFile.FileName);
        var gitIgnorePath = Path.Combine(directory, GitIgnoreFileName);
        foreach (var path in new[] { composePath, envPath, gitIgnorePath }.Where(Directory.Exists))
        {
            throw new DistributedApplicationException($"Cannot write {path}: it is a folder. Remove it or choose another --output-path.");
        }

        var compose = ComposeRenderer.Render(model, directory);
        var env = ComposeEnvFile.Render(model, envPath, options);
        var gitIgnore = GitIgnore(gitIgnorePath);

        Directory.CreateDirectory(directory);
        await WriteSecretFileAsync(envPath, env, cancellationToken);
        if (gitIgnore is not null)
        {
            await File.WriteAllTextAsync(gitIgnorePath, gitIgnore, Utf8, cancellationToken);
        }

        await File.WriteAllTextAsync(composePath, compose, Utf8, cancellationToken);
        Console.Out.WriteLine($"Published compose file to: {composePath}");
    }

    /// <summary>The folder the files go to, relative paths taken from the working directory; an existing file is refused.</summary>
    public static string ResolveDirectory(string? outputPath)
    {
        var full = Path.GetFullPath(string.IsNullOrWhiteSpace(outputPath) ? "." : outputPath);
        if (File.Exists(full))
        {
            throw new DistributedApplicationException(
                $"--output-path {outputPath} is a file; the compose publisher writes {FileName} and {ComposeEnvFile.FileName} into a folder. Give a folder.");
        }

        return full;
    }

    /// <summary>The new text of <c>.gitignore</c>: created with <c>.env</c>, or an existing one with the line added; null when it already has it.</summary>
    private static string? GitIgnore(string path)
    {
        if (!File.Exists(path))
        {
            return ComposeEnvFile.FileName + "\n";
        }

        var text = File.ReadAllText(path);
        var lines = text.Split('\n').Select(l => l.Trim());
        if (lines.Any(l => l is ComposeEnvFile.FileName or "/" + ComposeEnvFile.FileName))
        {
            return null;
        }

        return text + (text.Length == 0 || text.EndsWith('\n') ? "" : "\n") + ComposeEnvFile.FileName + "\n";
    }

    private static async Task WriteSecretFileAsync(string path, string text, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(path, options))
        {
            await stream.WriteAsync(Utf8.GetBytes(text), cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
