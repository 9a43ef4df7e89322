using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using AirflowAspire.DagChecks.AirflowIgnore;
using AirflowAspire.DagChecks.Validation;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Airflow.Dags;

/// <summary>
/// Keeps a dags resource's state in step with its folder while the app runs: checks the folder at start and after
/// every burst of changes (one check once the folder has been quiet for <see cref="QuietPeriod"/>, at most
/// <see cref="MaxDelay"/> after the first change), and publishes each outcome as the resource's health, properties
/// and console log. A folder that is missing is polled until it is back.
/// </summary>
internal sealed class DagFolderMonitor
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MissingFolderPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The state shown while a check runs. Leaving it for Running makes Aspire re-read the health at once.</summary>
    public const string CheckingState = "Checking";

    private readonly AirflowDagsResource dags;
    private readonly ResourceNotificationService notifications;
    private readonly ILogger logger;
    private readonly DagFolderChecker checker;
    private readonly Channel<bool> changes = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<TaskCompletionSource<DagFolderCheck>> waiting = new();

    public DagFolderMonitor(AirflowDagsResource dags, ResourceNotificationService notifications, ResourceLoggerService loggers, IgnoreSyntax ignoreSyntax)
    {
        this.dags = dags;
        this.notifications = notifications;
        logger = loggers.GetLogger(dags);
        checker = new DagFolderChecker(ignoreSyntax);
    }

    /// <summary>Checks the folder now (after the changes already seen) and returns the outcome.</summary>
    public Task<DagFolderCheck> CheckNowAsync(CancellationToken cancellationToken)
    {
        var request = new TaskCompletionSource<DagFolderCheck>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.Enqueue(request);
        changes.Writer.TryWrite(true);
        return request.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Watches and checks until <paramref name="stopping"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var watcher = new DagFolderWatcher(dags.Folder, () => changes.Writer.TryWrite(true));
        changes.Writer.TryWrite(true);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var watching = watcher.Arm();
                if (!await WaitForChangeAsync(watching ? Timeout.InfiniteTimeSpan : MissingFolderPollInterval, stopping).ConfigureAwait(false))
                {
                    if (Directory.Exists(dags.Folder))
                    {
                        changes.Writer.TryWrite(true);
                    }

                    continue;
                }

                await WaitUntilQuietAsync(stopping).ConfigureAwait(false);
                watcher.Arm();
                await CheckAndPublishAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Not expected (the checks' own failures are findings); say so on the resource rather than go quiet.
            logger.LogError(e, "Watching {Folder} stopped: {Message}", dags.Folder, e.Message);
            await notifications.PublishUpdateAsync(dags, s => s with { State = KnownResourceStates.FailedToStart }).ConfigureAwait(false);
        }
        finally
        {
            while (waiting.TryDequeue(out var request))
            {
                request.TrySetCanceled(stopping);
            }
        }
    }

    private async Task CheckAndPublishAsync(CancellationToken stopping)
    {
        var requests = new List<TaskCompletionSource<DagFolderCheck>>();
        while (waiting.TryDequeue(out var request))
        {
            requests.Add(request);
        }

        await notifications.PublishUpdateAsync(dags, s => s with
        {
            State = new ResourceStateSnapshot(CheckingState, KnownResourceStateStyles.Info),
        }).ConfigureAwait(false);

        DagFolderCheck check;
        try
        {
            check = await checker.CheckAsync(dags.Folder, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A folder mid-way through a change (a file gone between listing and reading it) fails the check; the
            // change that caused it is already queued, so check again rather than show the failure.
            if (Drain() && requests.Count == 0)
            {
                changes.Writer.TryWrite(true);
                return;
            }

            var reason = e is ValidationUsageException ? e.Message : $"The DAG check failed: {e.Message}";
            check = DagFolderCheck.CouldNotCheck(reason, DateTime.UtcNow);
        }

        dags.LatestCheck = check;
        Log(check);
        await notifications.PublishUpdateAsync(dags, s => s with
        {
            State = KnownResourceStates.Running,
            Properties = DagFolderProperties.Of(s.Properties, dags.Folder, check),
        }).ConfigureAwait(false);

        foreach (var request in requests)
        {
            request.TrySetResult(check);
        }
    }

    private void Log(DagFolderCheck check)
    {
        var level = check.Status switch
        {
            HealthStatus.Healthy => LogLevel.Information,
            HealthStatus.Degraded => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        logger.Log(level, "{Summary}", check.CouldNotRun ? check.Summary : $"{dags.Folder}: {check.Summary.Split("; ")[0]}");
        foreach (var finding in check.Findings)
        {
            logger.Log(finding.Severity == DagChecks.Validation.Findings.Severity.Error ? LogLevel.Error : LogLevel.Warning, "{Finding}", finding.ToString());
        }
    }

    /// <summary>True on a change, false when <paramref name="timeout"/> passed without one.</summary>
    private async Task<bool> WaitForChangeAsync(TimeSpan timeout, CancellationToken stopping)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            wait.CancelAfter(timeout);
        }

        try
        {
            await changes.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return false;
        }

        return Drain();
    }

    /// <summary>A burst of saves (an editor writes, renames and touches) gives one check, after the last of them.</summary>
    private async Task WaitUntilQuietAsync(CancellationToken stopping)
    {
        var first = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(first) < MaxDelay)
        {
            await Task.Delay(QuietPeriod, stopping).ConfigureAwait(false);
            if (!Drain())
            {
                return;
            }
        }
    }

    private bool Drain()
    {
        var any = false;
        while (changes.Reader.TryRead(out _))
        {
            any = true;
        }

        return any;
    }
}
