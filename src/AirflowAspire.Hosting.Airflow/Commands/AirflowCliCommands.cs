using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AirflowAspire.Hosting.Airflow.Commands;

/// <summary>
/// Airflow's own CLI as dashboard commands of a component (the scheduler): each runs <c>airflow ...</c> inside the
/// component's container and shows what it printed. Disabled while the container does not run.
/// </summary>
internal static class AirflowCliCommands
{
    public const string ListDags = "airflow-list-dags";
    public const string UnpauseDag = "airflow-unpause-dag";
    public const string TriggerDag = "airflow-trigger-dag";
    public const string CheckDatabase = "airflow-db-check";
    public const string ResetDatabase = "airflow-db-reset";
    public const string TestConnection = "airflow-test-connection";
    public const string DagIdArgument = "dagId";

    /// <summary>Seconds every command may take, instead of the defaults below (a setting, e.g. for a slow machine).</summary>
    public const string TimeoutSetting = "AirflowAspire:CommandTimeoutSeconds";

    /// <summary>Airflow's CLI starts slowly (seconds), and a hung command must not hang the dashboard.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Dropping and re-creating every table takes longer than the other commands.</summary>
    public static readonly TimeSpan ResetTimeout = TimeSpan.FromMinutes(10);

    public static void Add(IResourceBuilder<AirflowComponentResource> component)
    {
        var name = component.Resource.Name;
        var available = $"Runs in {name}'s container; available while it runs.";

        component.WithCommand(ListDags, "List DAGs", context => ListDagsAsync(context), Options(
            $"`airflow dags list` (with each DAG's paused state) and `airflow dags list-import-errors`. {available}", "List"));

        component.WithCommand(UnpauseDag, "Unpause DAG", context => RunWithDagIdAsync(context, "unpause", id => $"Unpaused {id}."), Options(
            $"`airflow dags unpause -- <DAG id>`. {available}", "Play", DagIdInput("The DAG to unpause")));

        component.WithCommand(TriggerDag, "Trigger DAG run", context => RunWithDagIdAsync(context, "trigger", id => $"Triggered a run of {id}."), Options(
            $"`airflow dags trigger -- <DAG id>`: a manual run now. {available}", "Flash", DagIdInput("The DAG to run")));

        component.WithCommand(CheckDatabase, "Check database", context => RunAsync(context, ["airflow", "db", "check"], "The metadata database answers.", CommandTimeout), Options(
            $"`airflow db check`: can Airflow reach its metadata database? {available}", "DatabaseSearch"));

        component.WithCommand(TestConnection, "Test connection", AirflowConnectionTest.RunAsync, Options(
            "`airflow connections get -o json -- <connection id>` (shown without the password or extra), then `airflow connections test -- <connection id>` " +
            $"when [core] test_connection is Enabled. {available}", "PlugConnected", AirflowConnectionTest.Input,
            Validate(AirflowConnectionTest.Argument, AirflowConnectionTest.Problem)));

        var reset = Options($"`airflow db reset --yes`: drops every table of the metadata database and migrates it again. {available}", "DatabaseWarning");
        reset.ConfirmationMessage =
            "Reset Airflow's metadata database? Every DAG run, task instance, connection, variable and user in it is deleted, " +
            "and the tables are created again empty. This cannot be undone.";
        var resetting = new OneAtATime();
        component.WithCommand(ResetDatabase, "Reset metadata database", context => resetting.RunAsync(
            () => RunAsync(context, ["airflow", "db", "reset", "--yes"], "The metadata database was reset.", ResetTimeout),
            () => CommandResults.Failure($"A reset of {name}'s metadata database is already running; this one was not started. Its result shows when it ends.")),
            reset);
    }

    private static CommandOptions Options(
        string description, string icon, InteractionInput? argument = null, Func<InputsDialogValidationContext, Task>? validate = null) => new()
    {
        Description = description,
        IconName = icon,
        UpdateState = context => ContainerExec.RunningContainerId(context.ResourceSnapshot) is null ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
        Arguments = argument is null ? [] : [argument],
        ValidateArguments = argument is null ? null : validate ?? Validate(DagIdArgument, AirflowDagId.Problem),
    };

    private static InteractionInput DagIdInput(string description) => new()
    {
        Name = DagIdArgument,
        Label = "DAG id",
        Description = description,
        InputType = InputType.Text,
        Required = true,
        Placeholder = "e.g. orders_daily",
        MaxLength = AirflowDagId.MaxLength,
    };

    private static async Task<ExecuteCommandResult> ListDagsAsync(ExecuteCommandContext context)
    {
        string[][] commands = [["airflow", "dags", "list"], ["airflow", "dags", "list-import-errors"]];
        var text = new StringBuilder();
        foreach (var command in commands)
        {
            ContainerExecResult result;
            try
            {
                result = await ExecAsync(context, command).ConfigureAwait(false);
            }
            catch (ContainerExecException e)
            {
                return CommandResults.Failure(e.Message);
            }

            text.Append("$ ").AppendJoin(' ', command).Append('\n').Append(result.Output.TrimEnd()).Append("\n\n");
            if (!result.Succeeded)
            {
                return CommandResults.Failure(FailureMessage(command, result), text.Append(result.Error.TrimEnd()).ToString(), CommandResultFormat.Text);
            }
        }

        return CommandResults.Success("DAGs and import errors listed.", text.ToString().TrimEnd(), CommandResultFormat.Text, displayImmediately: true);
    }

    private static Task<ExecuteCommandResult> RunWithDagIdAsync(ExecuteCommandContext context, string subcommand, Func<string, string> successMessage)
    {
        var dagId = ArgumentOf(context, DagIdArgument);
        if (AirflowDagId.Problem(dagId) is { } problem)
        {
            return Task.FromResult(CommandResults.Failure($"'{subcommand}' needs a DAG id as its argument '{DagIdArgument}': {problem}."));
        }

        return RunAsync(context, DagCommand(subcommand, dagId), successMessage(dagId), CommandTimeout);
    }

    /// <summary>
    /// <c>airflow dags &lt;subcommand&gt; -- &lt;DAG id&gt;</c>: Airflow's CLI is argparse (airflow-core/src/airflow/cli/cli_parser.py),
    /// its dag_id a positional (cli_config.py ARG_DAG_ID), and <c>--</c> makes argparse read what follows as positionals.
    /// </summary>
    internal static string[] DagCommand(string subcommand, string dagId) => ["airflow", "dags", subcommand, "--", dagId];

    /// <summary>Runs <paramref name="command"/> in the command's container, bounded by its timeout (<see cref="CommandTimeout"/> unless given).</summary>
    /// <exception cref="ContainerExecException">The container does not run, or the command could not be run or took too long.</exception>
    internal static Task<ContainerExecResult> ExecAsync(ExecuteCommandContext context, string[] command, TimeSpan? timeout = null) =>
        ContainerExec.RunAsync(context.Services, context.ResourceName, command, Timeout(context, timeout ?? CommandTimeout), context.CancellationToken);

    /// <summary>The command's timeout: <see cref="TimeoutSetting"/> when it is set, the command's default otherwise.</summary>
    private static TimeSpan Timeout(ExecuteCommandContext context, TimeSpan fallback) =>
        Timeout(context.Services.GetRequiredService<IConfiguration>(), fallback);

    /// <inheritdoc cref="Timeout(ExecuteCommandContext, TimeSpan)"/>
    internal static TimeSpan Timeout(IConfiguration configuration, TimeSpan fallback)
    {
        var text = configuration[TimeoutSetting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= TimeSpan.FromDays(1).TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new ContainerExecException($"The setting {TimeoutSetting} is '{text}'; set it to a number of seconds greater than 0, or remove it.");
    }

    private static async Task<ExecuteCommandResult> RunAsync(ExecuteCommandContext context, string[] command, string successMessage, TimeSpan timeout)
    {
        ContainerExecResult result;
        try
        {
            result = await ExecAsync(context, command, timeout).ConfigureAwait(false);
        }
        catch (ContainerExecException e)
        {
            return CommandResults.Failure(e.Message);
        }

        var printed = string.Join('\n', new[] { result.Output.TrimEnd(), result.Error.TrimEnd() }.Where(t => t.Length > 0));
        return result.Succeeded
            ? CommandResults.Success(successMessage, printed, CommandResultFormat.Text)
            : CommandResults.Failure(FailureMessage(command, result), printed, CommandResultFormat.Text);
    }

    private static string FailureMessage(string[] command, ContainerExecResult result)
    {
        var lastLine = (result.Error + "\n" + result.Output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return $"'{string.Join(' ', command)}' exited with {result.ExitCode}{(lastLine is null ? "" : $": {lastLine}")}";
    }

    /// <summary>The command's argument <paramref name="name"/>, trimmed; empty when it was not given.</summary>
    internal static string ArgumentOf(ExecuteCommandContext context, string name) =>
        context.Arguments.FirstOrDefault(i => i.Name == name)?.Value?.Trim() ?? "";

    /// <summary>The dialog's check of the argument <paramref name="name"/>: what <paramref name="problem"/> finds shows under the field.</summary>
    internal static Func<InputsDialogValidationContext, Task> Validate(string name, Func<string, string?> problem) => context =>
    {
        if (context.Inputs.FirstOrDefault(i => i.Name == name) is { } input && problem(input.Value?.Trim() ?? "") is { } found)
        {
            context.AddValidationError(input, found);
        }

        return Task.CompletedTask;
    };
}
