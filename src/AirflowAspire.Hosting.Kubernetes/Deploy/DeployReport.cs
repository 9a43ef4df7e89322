using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Kubernetes;

// The pipeline's reporting API is experimental in Aspire 13.6 (ASPIREPIPELINES001) and the only progress channel of `aspire deploy`.
#pragma warning disable ASPIREPIPELINES001

/// <summary>
/// Progress of a deploy or destroy: as tasks of the pipeline step, which the aspire CLI shows, and as plain lines
/// on standard output, since <c>dotnet run</c> without the CLI shows no reporting step.
/// </summary>
internal sealed class DeployReport(IReportingStep step, ILogger logger)
{
    public async Task<Progress> StartAsync(string title, CancellationToken cancellationToken)
    {
        var task = await step.CreateTaskAsync(title, cancellationToken);
        Console.Out.WriteLine(title);
        return new Progress(task, title);
    }

    public void Note(string text)
    {
        step.Log(LogLevel.Information, text);
        Console.Out.WriteLine(text);
    }

    public void Warn(string text)
    {
        step.Log(LogLevel.Warning, text);
        logger.LogWarning("{Warning}", text);
    }

    /// <summary>One object's progress; each line printed once.</summary>
    public sealed class Progress(IReportingTask task, string title)
    {
        private string? lastStatus;

        public async Task StatusAsync(string status, CancellationToken cancellationToken)
        {
            if (status == lastStatus)
            {
                return;
            }

            lastStatus = status;
            await task.UpdateStatusAsync($"{title}: {status}", cancellationToken);
            Console.Out.WriteLine($"  {title}: {status}");
        }

        public async Task SucceedAsync(string result, CancellationToken cancellationToken)
        {
            await task.SucceedAsync($"{title}: {result}", cancellationToken);
            Console.Out.WriteLine($"  {title}: {result}");
        }

        public async Task FailAsync(string reason, CancellationToken cancellationToken)
        {
            await task.FailAsync($"{title}: {reason}", cancellationToken);
            Console.Out.WriteLine($"  {title}: FAILED: {reason}");
        }
    }
}
