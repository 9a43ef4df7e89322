using System.Text;

namespace AirflowAspire.Hosting.Airflow.Commands;

/// <summary>
/// The scheduler's "Test connection": the connection as Airflow reads it (<c>airflow connections get -o json</c>,
/// shown without its password or extra), then Airflow's own test (<c>airflow connections test</c>) when
/// <c>[core] test_connection</c> is Enabled. Airflow refuses to test otherwise (<c>connections_test</c> in
/// airflow-core/src/airflow/cli/commands/connection_command.py exits 1; the option's default is Disabled), so the
/// result then says how to enable it. Airflow's test ends with 0 whether it connected or not; its answer,
/// "Connection success!" or "Connection failed!" and the hook's message, decides the result.
/// </summary>
internal static class AirflowConnectionTest
{
    public const string Argument = "connectionId";

    /// <summary>How this project enables Airflow's connection tests, as the result of a refused test names it.</summary>
    public const string EnableHint = ".WithConfig(\"core\", \"test_connection\", \"Enabled\")";

    public static readonly InteractionInput Input = new()
    {
        Name = Argument,
        Label = "Connection id",
        Description = "The Airflow connection to test, e.g. one of WithConnection",
        InputType = InputType.Text,
        Required = true,
        Placeholder = "e.g. warehouse",
        MaxLength = 250,
    };

    /// <summary>Null when <paramref name="id"/> can be a connection id of this project; otherwise what is wrong, with the rule.</summary>
    public static string? Problem(string id) => AirflowConnection.IsValidId(id)
        ? null
        : $"'{id}' is not a connection id: connection ids are letters, digits and '_', not starting with a digit, at most 250 characters";

    /// <summary><c>airflow connections &lt;subcommand&gt; [options] -- &lt;id&gt;</c>: conn_id is a positional (cli_config.py ARG_CONN_ID).</summary>
    internal static string[] Command(string subcommand, string id, params string[] options) =>
        ["airflow", "connections", subcommand, .. options, "--", id];

    internal static readonly string[] ConfigCommand = ["airflow", "config", "get-value", "core", "test_connection"];

    public static async Task<ExecuteCommandResult> RunAsync(ExecuteCommandContext context)
    {
        var id = AirflowCliCommands.ArgumentOf(context, Argument);
        if (Problem(id) is { } problem)
        {
            return CommandResults.Failure($"'Test connection' needs a connection id as its argument '{Argument}': {problem}.");
        }

        try
        {
            return await TestAsync(context, id).ConfigureAwait(false);
        }
        catch (ContainerExecException e)
        {
            return CommandResults.Failure(e.Message);
        }
    }

    private static async Task<ExecuteCommandResult> TestAsync(ExecuteCommandContext context, string id)
    {
        var get = Command("get", id, "-o", "json");
        var got = await AirflowCliCommands.ExecAsync(context, get).ConfigureAwait(false);
        var text = new StringBuilder().Append("$ ").AppendJoin(' ', get).Append('\n');
        if (!got.Succeeded)
        {
            // Only the error: a connection Airflow failed to print is not in it, and nothing of its output is trusted.
            text.Append(got.Error.TrimEnd());
            return CommandResults.Failure($"Airflow could not read the connection '{id}' ({Last(got.Error) ?? $"exit code {got.ExitCode}"}).", text.ToString(), CommandResultFormat.Text);
        }

        if (MaskedConnection.Read(got.Output) is not { } connection)
        {
            return CommandResults.Failure(
                $"Airflow's answer to '{string.Join(' ', get)}' is not the JSON expected; it is not shown, since it may hold the connection's password.");
        }

        text.Append(connection.Describe()).Append("\n\n$ ").AppendJoin(' ', ConfigCommand).Append('\n');
        var config = await AirflowCliCommands.ExecAsync(context, ConfigCommand).ConfigureAwait(false);
        var setting = config.Output.Trim();
        text.Append(connection.MaskIn(setting.Length > 0 ? setting : config.Error.TrimEnd()));
        if (!config.Succeeded)
        {
            return CommandResults.Failure($"Airflow could not say whether it tests connections ({Last(config.Error) ?? $"exit code {config.ExitCode}"}).", text.ToString(), CommandResultFormat.Text);
        }

        // Airflow's own comparison: conf.get("core", "test_connection", fallback="Disabled").lower().strip() != "enabled".
        if (!setting.Equals("enabled", StringComparison.OrdinalIgnoreCase))
        {
            return CommandResults.Failure(
                $"'{id}' was not tested: Airflow tests connections only when [core] test_connection is Enabled (it is '{setting}'). " +
                $"Enable it with {EnableHint} on the Airflow resource. Below, the connection as Airflow reads it, password not shown.",
                text.ToString(), CommandResultFormat.Text);
        }

        var test = Command("test", id);
        var tested = await AirflowCliCommands.ExecAsync(context, test).ConfigureAwait(false);
        var answer = connection.MaskIn(string.Join('\n', new[] { tested.Output.Trim(), tested.Error.Trim() }.Where(t => t.Length > 0)));
        text.Append("\n\n$ ").AppendJoin(' ', test).Append('\n').Append(answer);
        return tested.Succeeded && answer.Contains("Connection success!", StringComparison.Ordinal)
            ? CommandResults.Success($"Airflow connected to '{id}'.", text.ToString(), CommandResultFormat.Text, displayImmediately: true)
            : CommandResults.Failure($"Airflow could not connect to '{id}': {FailureOf(answer) ?? $"exit code {tested.ExitCode}"}", text.ToString(), CommandResultFormat.Text);
    }

    /// <summary>What follows "Connection failed!" (the hook's message), or the answer's last line.</summary>
    private static string? FailureOf(string answer)
    {
        var lines = answer.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var failed = Array.IndexOf(lines, "Connection failed!");
        return failed >= 0 && failed + 1 < lines.Length ? string.Join(' ', lines[(failed + 1)..]) : lines.LastOrDefault();
    }

    private static string? Last(string printed) =>
        printed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
