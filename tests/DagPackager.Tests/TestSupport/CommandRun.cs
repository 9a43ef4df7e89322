using System.CommandLine;
using AirflowAspire.DagChecks.Validation;
using AirflowAspire.DagPackager.Validation;

namespace AirflowAspire.DagPackager.Tests.TestSupport;

/// <summary>What one dag-packager invocation printed and returned.</summary>
public sealed record CommandRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs dag-packager in this process, as Program.cs does, with stdout and stderr captured.</summary>
    public static Task<CommandRun> InvokeAsync(params string[] args) => InvokeAsync(DagPackagerCommand.Create(), args);

    /// <summary>Runs validate alone, with its own view of the machine (PATH, terminal).</summary>
    public static Task<CommandRun> InvokeValidateAsync(ValidationEnvironment environment, params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(ValidateCommand.Create(environment));
        return InvokeAsync(root, args);
    }

    private static async Task<CommandRun> InvokeAsync(RootCommand root, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CommandRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
