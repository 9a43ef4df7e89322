using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using AirflowAspire.DagChecks.Tools;

namespace AirflowAspire.DagPackager.Build;

/// <summary>One <c>build</c>: resolve the Airflow version, write and hash the context, then build (and push) or print the command.</summary>
internal static class BuildRun
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(BuildRequest request, TextWriter output, TextWriter error)
    {
        try
        {
            return Execute(request, output, error);
        }
        catch (PackagerError e)
        {
            error.WriteLine($"dag-packager build: {e.Message}");
            return e.ExitCode;
        }
    }

    private static int Execute(BuildRequest request, TextWriter output, TextWriter error)
    {
        var repository = RepositoryName.Check(request.Repository);
        if (request.Push && request.ContextOnly)
        {
            throw new PackagerError("--push pushes a built image; drop --context-only, or push after building with the printed command.");
        }

        // Without a runtime there is nothing to build with: say so before any work.
        var runtime = request.ContextOnly ? null : FindRuntime(request.ContainerRuntime);

        var projectDirectory = Path.GetFullPath(request.ProjectDirectory);
        var airflow = AirflowVersionSource.Resolve(
            projectDirectory,
            request.AirflowVersion,
            request.Manifest,
            image => (runtime ?? ContainerRuntimeLocator.Find(request.ContainerRuntime, BuildCommand.RuntimeOption).Runtime)?.ImageLabel(image, ImageLabels.AirflowVersion));

        // A context that is built at once and deleted may link the project's files; a kept one holds copies, which a
        // later edit of the project cannot change.
        var throwaway = request.Output is null && !request.ContextOnly;
        BuildContext context;
        using (var progress = new FileProgress(error, "hashing"))
        {
            context = BuildContextWriter.Write(
                projectDirectory, repository, airflow, request.Output, request.BaseImage, request.ExcludeAirflowIgnored, hardLinks: throwaway, progress);
        }

        var labels = ImageLabels.For(projectDirectory, context.Hash.Hex, context.Hash.Tag, airflow, context.BaseImage);
        var commandRuntime = runtime ?? PrintedRuntime(request.ContainerRuntime);
        var command = ImageBuildCommand.For(context, commandRuntime.Name, labels, ImageBuildCommand.EnvironmentFor(commandRuntime));

        var built = false;
        var pushed = false;
        if (runtime is not null)
        {
            try
            {
                error.WriteLine($"dag-packager build: building {context.Reference} with {runtime.Name}");
                if (Stream(runtime, command.Arguments, command.Environment, error) != 0)
                {
                    throw new PackagerError($"{command.ShellLine()} failed; its output is above.", PackagerError.Failed);
                }

                built = true;
                if (request.Push)
                {
                    if (Stream(runtime, ["push", context.Reference], new Dictionary<string, string>(), error) != 0)
                    {
                        throw new PackagerError($"{runtime.Name} push {context.Reference} failed; its output is above.", PackagerError.Failed);
                    }

                    pushed = true;
                }
            }
            finally
            {
                if (request.Output is null)
                {
                    Directory.Delete(context.Directory, recursive: true);
                }
            }
        }

        Report(request, context, command, built, pushed, output);
        return 0;
    }


    private static ContainerRuntime FindRuntime(string? requested)
    {
        var search = ContainerRuntimeLocator.Find(requested, BuildCommand.RuntimeOption);
        return search.Runtime ?? throw new PackagerError(
            $"No container runtime to build with: {search.Problem} Or give --context-only to write the context and print the build command to run elsewhere.");
    }

    private static int Stream(ContainerRuntime runtime, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TextWriter log)
    {
        try
        {
            return ProcessRunner.Stream(runtime.Program, arguments, environment, log);
        }
        catch (Win32Exception e)
        {
            throw new PackagerError($"Could not start {runtime.Program}: {e.Message}", PackagerError.Failed);
        }
    }

    // The runtime of a printed command: the one asked for, else the one installed, else docker (as installed, to
    // know whether it needs DOCKER_BUILDKIT=0).
    private static ContainerRuntime PrintedRuntime(string? requested)
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        var names = ContainerRuntimeLocator.Names;
        var name = requested is { } asked && names.Contains(asked)
            ? asked
            : names.FirstOrDefault(n => ExecutableLookup.Find(n, path) is not null) ?? names[0];
        return new ContainerRuntime(name, ExecutableLookup.Find(name, path) ?? name);
    }

    private static void Report(BuildRequest request, BuildContext context, ImageBuildCommand command, bool built, bool pushed, TextWriter output)
    {
        var keptContext = request.ContextOnly || request.Output is not null;
        if (request.Json)
        {
            var result = new JsonObject
            {
                ["image"] = context.Repository,
                ["tag"] = context.Hash.Tag,
                ["reference"] = context.Reference,
                ["dagHash"] = context.Hash.Hex,
                ["airflowVersion"] = context.Airflow.Version,
                ["baseImage"] = context.BaseImage,
                ["files"] = context.Hash.FileCount,
                ["bytes"] = context.Hash.ByteCount,
                ["context"] = keptContext ? context.Directory : null,
                ["command"] = command.ShellLine(),
                ["built"] = built,
                ["pushed"] = pushed,
            };
            output.WriteLine(result.ToJsonString(Indented));
            return;
        }

        output.WriteLine($"image:   {context.Reference}");
        output.WriteLine($"hash:    {context.Hash.Hex} ({context.Hash.FileCount:N0} files, {context.Hash.ByteCount:N0} bytes)");
        output.WriteLine($"airflow: {context.Airflow.Version} (base {context.BaseImage})");
        if (keptContext)
        {
            output.WriteLine($"context: {context.Directory}");
        }

        if (!built)
        {
            output.WriteLine("build it with:");
            output.WriteLine(command.ShellLine());
            return;
        }

        output.WriteLine(pushed ? $"built and pushed {context.Reference}" : $"built {context.Reference}");
        output.WriteLine($"point the model at it: dag-packager release {context.Reference}");
    }
}
