using System.CommandLine;
using System.CommandLine.Help;

namespace AirflowAspire.DagPackager;

/// <summary>The command line of dag-packager. Subcommands arrive with issue #5.</summary>
public static class DagPackagerCommand
{
    public const string Description = "Validates Airflow DAGs and bakes them into a versioned image";

    public static RootCommand Create()
    {
        var root = new RootCommand(Description);
        // With nothing to do yet, a bare invocation explains the tool instead of failing.
        root.SetAction(parseResult => new HelpAction().Invoke(parseResult));
        root.Subcommands.Add(Validation.ValidateCommand.Create());
        root.Subcommands.Add(Build.BuildCommand.Create());
        root.Subcommands.Add(Release.ReleaseCommand.Create());
        return root;
    }
}
