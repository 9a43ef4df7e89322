using System.Diagnostics;
using AirflowAspire.Hosting.Orchestration.Processes;
using AirflowAspire.Hosting;

namespace AirflowAspire.Bench.Orchestration;

/// <summary>
/// One server of the baseline, run straight from the <see cref="LocalProcessPlan"/> its integration's
/// <see cref="LocalProcessAnnotation"/> gives: the folder and files made as the runtime makes them, the
/// setup commands run in order, the server launched, its checks polled until they pass.
/// </summary>
internal sealed class DirectServer(LocalProcessPlan plan, Process process)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public static async Task<DirectServer> StartHealthyAsync(
        DistributedApplicationModel model, string name, string stateDirectory, IReadOnlyDictionary<string, string> host,
        Func<ServiceUser> serviceUser, ServerEvents events, CancellationToken cancellationToken)
    {
        var resource = model[name];
        var spec = DirectSpec.Render(model, resource);
        var folder = Path.Combine(stateDirectory, name);
        var plan = resource.Annotations.OfType<LocalProcessAnnotation>().Single().CreatePlan(new LocalProcessContext
        {
            Spec = spec,
            Resource = resource,
            StateFolder = folder,
            HostEnvironment = host,
        });
        var user = plan.RunsAsUnprivilegedUser && PosixNative.IsRoot ? serviceUser() : null;

        PrepareFolder(plan, folder, user);
        await RunSetupAsync(plan, host, folder, user?.Name, cancellationToken);
        var process = DirectLaunch.Start(plan.Process, DirectLaunch.Environment(host, plan.Process.Environment), folder, user?.Name,
            line => events.OnOutput(line));
        var server = new DirectServer(plan, process);
        events.Launched();

        var checkEnvironment = DirectLaunch.Environment(host, plan.Process.Environment, plan.HealthCheckEnvironment);
        await new DirectReadiness(spec, checkEnvironment, folder).WaitAsync(plan.HealthChecks, process, cancellationToken);
        return server;
    }

    /// <summary>The plan's stop signal, then the grace period; what is left is killed by the round.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            PosixNative.Signal(process.Id, (int)plan.StopSignal);
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(StopGrace));
        }

        process.Dispose();
    }

    private static void PrepareFolder(LocalProcessPlan plan, string folder, ServiceUser? user)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        Directory.CreateDirectory(folder, OwnerOnly | UnixFileMode.UserExecute);
        foreach (var file in plan.Files)
        {
            File.WriteAllText(file.Path, file.Content);
            File.SetUnixFileMode(file.Path, OwnerOnly);
        }

        user?.Own(folder);
    }

    private static async Task RunSetupAsync(
        LocalProcessPlan plan, IReadOnlyDictionary<string, string> host, string folder, string? userName, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var command in plan.Setup)
            {
                using var step = DirectLaunch.Start(command, DirectLaunch.Environment(host, command.Environment), folder, userName);
                await step.WaitForExitAsync(cancellationToken);
                if (step.ExitCode != 0)
                {
                    throw new InvalidOperationException($"baseline: setup step '{command}' exited with code {step.ExitCode}.");
                }
            }
        }
        finally
        {
            foreach (var file in plan.Files.Where(f => f.RemoveAfterSetup))
            {
                File.Delete(file.Path);
            }
        }
    }
}
