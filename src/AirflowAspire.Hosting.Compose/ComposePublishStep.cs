using AirflowAspire.Hosting.Publishing;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AirflowAspire.Hosting.Compose;

/// <summary>
/// The <c>publish-{name}</c> step: writes <c>docker-compose.yaml</c> into <c>{output path}/{name}</c>, the secrets it
/// interpolates into <c>.env</c> (readable only by its owner), and a <c>.gitignore</c> that keeps <c>.env</c> and
/// database dumps out of git. Everything is rendered and checked before the first file is written; the model is only read.
/// </summary>
internal static class ComposePublishStep
{
    public const string FileName = "docker-compose.yaml";
    public const string GitIgnoreFileName = ".gitignore";

    /// <summary>Database dumps, which an upgrade plan tells users to take here: data, never for git.</summary>
    public const string BackupFiles = "*.dump";

    // Pipeline steps are experimental in Aspire 13.6 and the only way to publish.
#pragma warning disable ASPIREPIPELINES001
    public static async Task RunAsync(ComposeEnvironmentResource environment, PipelineStepContext context)
    {
        var cancellationToken = context.CancellationToken;
        var configuration = context.Services.GetRequiredService<IConfiguration>();
        var directory = OutputFolder.Of(context, environment, $"{FileName} and {ComposeEnvFile.FileName}");
        var task = await context.ReportingStep.CreateTaskAsync($"Writing the compose deployment to {directory}", cancellationToken);
        await using (task)
        {
            var sources = await ComposeServiceSource.ReadAllAsync(context.Model, context.ExecutionContext, context.Logger, cancellationToken);
            var parameters = await PlainParameters.ReadAsync(context.Model, cancellationToken);
            var project = new ComposeProject(sources, new ComposeValues(parameters), directory);
            var args = context.Services.GetService<DistributedApplicationOptions>()?.Args;
            var switches = PublishSwitches.Read(configuration, args, ComposeEnvFile.SecretParameters(project, context.Model));
            var written = await WriteAsync(project, environment.Name, context.Model, switches, cancellationToken);
            await task.SucceedAsync($"Wrote {written} ({sources.Count} services) and its secrets in {ComposeEnvFile.FileName}.", cancellationToken);
        }
    }
#pragma warning restore ASPIREPIPELINES001

    private static async Task<string> WriteAsync(
        ComposeProject project, string environmentName, DistributedApplicationModel model, PublishSwitches options, CancellationToken cancellationToken)
    {
        var directory = project.OutputDirectory;
        var composePath = Path.Combine(directory, FileName);
        var envPath = Path.Combine(directory, ComposeEnvFile.FileName);
        var gitIgnorePath = Path.Combine(directory, GitIgnoreFileName);
        foreach (var path in new[] { composePath, envPath, gitIgnorePath }.Where(Directory.Exists))
        {
            throw new DistributedApplicationException($"Cannot write {path}: it is a folder. Remove it or choose another --output-path.");
        }

        var compose = ComposeRenderer.Render(project, environmentName);
        var env = ComposeEnvFile.Render(project, model, envPath, options);
        var gitIgnore = PublishedFiles.GitIgnoreListing(gitIgnorePath, ComposeEnvFile.FileName, BackupFiles);

        Directory.CreateDirectory(directory);
        await PublishedFiles.WriteSecretAsync(envPath, env, cancellationToken);
        if (gitIgnore is not null)
        {
            await File.WriteAllTextAsync(gitIgnorePath, gitIgnore, PublishedFiles.Utf8, cancellationToken);
        }

        await File.WriteAllTextAsync(composePath, compose, PublishedFiles.Utf8, cancellationToken);
        return composePath;
    }
}
