using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>One start of a replica as a local process: its plan, the user it runs as, its state folder made ready.</summary>
internal sealed class LocalProcessStart
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string instance;
    private readonly ServiceAccount? account;
    private readonly IReadOnlyDictionary<string, string> hostEnvironment;

    private LocalProcessStart(
        string instance, LocalProcessPlan plan, string folder, ServiceAccount? account, IReadOnlyDictionary<string, string> hostEnvironment)
    {
        this.instance = instance;
        Plan = plan;
        Folder = folder;
        this.account = account;
        this.hostEnvironment = hostEnvironment;
    }

    public LocalProcessPlan Plan { get; }

    public string Folder { get; }

    /// <summary>Plans the start, picks the user and the folder, and writes the plan's files.</summary>
    public static LocalProcessStart Prepare(LocalProcessAnnotation annotation, IResource resource, WorkloadSpec spec,
        IReadOnlyDictionary<string, string> hostEnvironment, StateFolders folders, IWorkloadLog log)
    {
        var context = new LocalProcessContext
        {
            Spec = spec,
            Resource = resource,
            StateFolder = folders.For(spec.InstanceName),
            HostEnvironment = hostEnvironment,
        };
        var plan = annotation.CreatePlan(context);
        ServiceAccount? account = null;
        if (plan.RunsAsUnprivilegedUser && PosixNative.IsRoot)
        {
            account = ServiceAccount.EnsureDedicated();
            log.Write($"The AppHost runs as root, and {Path.GetFileName(plan.Process.Executable)} refuses to run as root: " +
                      $"'{spec.InstanceName}' runs as the unprivileged user '{account.Name}', who owns its state folder.", isError: false);
            if (ServiceAccount.FirstClosedAncestor(context.StateFolder) is { } closed)
            {
                context = context with { StateFolder = folders.SharedFor(spec.InstanceName) };
                plan = annotation.CreatePlan(context);
                log.Write($"User '{account.Name}' cannot enter {closed}, so the state of '{spec.InstanceName}' is kept in " +
                          $"{context.StateFolder}.", isError: false);
            }
        }

        var start = new LocalProcessStart(spec.InstanceName, plan, context.StateFolder, account, hostEnvironment);
        start.PrepareFolder();
        return start;
    }

    /// <summary>Runs the plan's setup commands in order; the first that fails fails the start.</summary>
    public async Task RunSetupAsync(ProcessTag tag, IWorkloadLog log, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var command in Plan.Setup)
            {
                log.Write($"Setting up: {command}", isError: false);
                string? lastLine = null;
                var exitCode = await CommandRunner.RunAsync(Launch(command, tag), tag, (line, isError) =>
                {
                    log.Write(line, isError);
                    lastLine = string.IsNullOrWhiteSpace(line) ? lastLine : line.Trim();
                }, timeout: null, cancellationToken);
                if (exitCode != 0)
                {
                    throw new WorkloadStartException(
                        $"'{instance}' could not be set up: {Path.GetFileName(command.Executable)} exited with code {exitCode}" +
                        (lastLine is null ? "" : $" ({lastLine})") + ". Its whole output is in the resource's log.");
                }
            }
        }
        finally
        {
            foreach (var file in Plan.Files.Where(f => f.RemoveAfterSetup))
            {
                File.Delete(file.Path);
            }
        }
    }

    public ProcessLaunch MainLaunch(ProcessTag tag) => Launch(Plan.Process, tag);

    /// <summary>How commands run in the workload (health checks): as the AppHost's user, with the process's environment.</summary>
    public ProcessLaunch CommandLaunch(ProcessTag tag)
    {
        var environment = new Dictionary<string, string>(Environment(Plan.Process, tag));
        foreach (var (name, value) in Plan.HealthCheckEnvironment)
        {
            environment[name] = value;
        }

        return Launch(Plan.Process, tag) with { UserName = null, StandardInput = null, Environment = environment };
    }

    private ProcessLaunch Launch(LocalProcessCommand command, ProcessTag tag) =>
        new(command.Executable, command.Args, Environment(command, tag), Folder)
        {
            UserName = account?.Name,
            StandardInput = command.StandardInput,
        };

    private Dictionary<string, string> Environment(LocalProcessCommand command, ProcessTag tag)
    {
        var environment = new Dictionary<string, string>(hostEnvironment, StringComparer.Ordinal);
        foreach (var (name, value) in command.Environment)
        {
            environment[name] = value;
        }

        environment[ProcessTag.Variable] = tag.Value;
        return environment;
    }

    private void PrepareFolder()
    {
        // Folders above keep the default mode, so the unprivileged user can pass through them.
        Directory.CreateDirectory(Path.GetDirectoryName(Folder)!);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The process runtime runs servers on Linux and macOS only.");
        }

        Directory.CreateDirectory(Folder, OwnerOnly | UnixFileMode.UserExecute);
        foreach (var file in Plan.Files)
        {
            File.WriteAllText(file.Path, file.Content);
            File.SetUnixFileMode(file.Path, OwnerOnly);
        }

        account?.Own(Folder);
    }
}
