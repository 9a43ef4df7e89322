using System.Text.Json;
using System.Text.Json.Nodes;

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
        var runtime = request.ContextOnly ? null : ContainerCli.Find(request.ContainerRuntime)
            ?? throw new PackagerError(
                "No container runtime: install docker or podman (or start its engine), or give --context-only to write the context " +
                "and print the build command to run elsewhere.");

        var projectDirectory = Path.GetFullPath(request.ProjectDirectory);
        var airflow = AirflowVersionSource.Resolve(
            projectDirectory, request.AirflowVersion, request.Manifest, image => (runtime ?? ContainerCli.TryFind(request.ContainerRuntime))?.ImageLabel(image, ImageLabels.AirflowVersion));

        BuildContext context;
        using (var progress = new FileProgress(error, "hashing and copying"))
        {
            context = BuildContextWriter.Write(projectDirectory, repository, airflow, request.Output, request.BaseImage, request.ExcludeAirflowIgnored, progress);
        }

        var labels = ImageLabels.For(projectDirectory, context.Hash.Hex, context.Hash.Tag, airflow, context.BaseImage);
        var commandRuntime = runtime ?? PrintedRuntime(request.ContainerRuntime);
        var command = ImageBuildCommand.For(context, commandRuntime.Name, labels, commandRuntime.BuildEnvironment());

        var built = false;
        var pushed = false;
        if (runtime is not null)
        {
            try
            {
                error.WriteLine($"dag-packager build: building {context.Reference} with {runtime.Name}");
                if (ProcessRunner.Stream(runtime.Program, command.Arguments, command.Environment, error) != 0)
                {
                    throw new PackagerError($"{command.ShellLine()} failed; its output is above.", PackagerError.Failed);
                }

                built = true;
                if (request.Push)
                {
                    if (ProcessRunner.Stream(runtime.Program, ["push", context.Reference], new Dictionary<string, string>(), error) != 0)
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


    // The runtime of a printed command: the one asked for, else the one installed, else docker (as installed, to
    // know whether it needs DOCKER_BUILDKIT=0).
    private static ContainerCli PrintedRuntime(string? requested)
    {
        var name = requested is { } asked && ContainerCli.Names.Contains(asked)
            ? asked
            : ContainerCli.Names.FirstOrDefault(n => ProcessRunner.Find(n) is not null) ?? ContainerCli.Names[0];
        return ProcessRunner.Find(name) is { } program ? new ContainerCli(name, program) : new ContainerCli(name, name);
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
