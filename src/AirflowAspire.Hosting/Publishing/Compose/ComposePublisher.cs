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
        var gitIgnore = PublishedFiles.GitIgnoreListing(gitIgnorePath, ComposeEnvFile.FileName);

        Directory.CreateDirectory(directory);
        await PublishedFiles.WriteSecretAsync(envPath, env, cancellationToken);
        if (gitIgnore is not null)
        {
            await File.WriteAllTextAsync(gitIgnorePath, gitIgnore, PublishedFiles.Utf8, cancellationToken);
        }

        await File.WriteAllTextAsync(composePath, compose, PublishedFiles.Utf8, cancellationToken);
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
}
