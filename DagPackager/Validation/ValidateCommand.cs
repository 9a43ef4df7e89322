using System.CommandLine;
using AirflowAspire.DagChecks.AirflowIgnore;
using AirflowAspire.DagChecks.Validation;

namespace AirflowAspire.DagPackager.Validation;

/// <summary>
/// <c>dag-packager validate &lt;dags-dir&gt; [--json] [--in-image &lt;image&gt;] [--ignore-syntax glob|regexp] [--strict]</c>.
/// Exit codes: 0 clean, 1 problems found, 2 bad usage.
/// </summary>
public sealed class ValidateCommand
{
    public const string Name = "validate";

    private readonly Argument<string> _dagFolder = new("dags-dir")
    {
        Description = "The DAG folder to check",
    };

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print the findings as JSON: { dags: [{dagId, file, line}], problems: [{file, line, column, severity, code, message}] }",
    };

    private readonly Option<string?> _inImage = new("--in-image")
    {
        Description = "Also load the DAGs with Airflow's DagBag inside this Airflow image (needs docker or podman)",
        HelpName = "image",
    };

    private readonly Option<string> _ignoreSyntax = new("--ignore-syntax")
    {
        Description = "The syntax of .airflowignore files: glob (Airflow 3's default) or regexp (Airflow 2's default)",
        DefaultValueFactory = _ => IgnoreSyntaxes.Glob,
    };

    private readonly Option<bool> _strict = new("--strict")
    {
        Description = "Fail (exit code 1) on warnings too, not only on errors",
    };

    private ValidateCommand() => _ignoreSyntax.AcceptOnlyFromAmong(IgnoreSyntaxes.Glob, IgnoreSyntaxes.Regexp);

    /// <param name="environment">The PATH and terminal to use; the process's own when null.</param>
    public static Command Create(ValidationEnvironment? environment = null)
    {
        var symbols = new ValidateCommand();
        var command = new Command(Name,
            "Check a DAG folder: every file compiles, DAG ids are found and unique, no network or database calls at " +
            "import time, .airflowignore honoured. Exit codes: 0 clean, 1 problems found, 2 bad usage.");
        command.Arguments.Add(symbols._dagFolder);
        command.Options.Add(symbols._json);
        command.Options.Add(symbols._inImage);
        command.Options.Add(symbols._ignoreSyntax);
        command.Options.Add(symbols._strict);
        command.Action = new ValidateAction(environment ?? ValidationEnvironment.FromProcess(), symbols.Settings);
        return command;
    }

    private ValidationSettings Settings(ParseResult parseResult) => new(
        parseResult.GetRequiredValue(_dagFolder),
        IgnoreSyntaxes.Parse(parseResult.GetRequiredValue(_ignoreSyntax)),
        parseResult.GetValue(_inImage) is { Length: > 0 } image ? image : null,
        parseResult.GetValue(_json),
        parseResult.GetValue(_strict));
}
