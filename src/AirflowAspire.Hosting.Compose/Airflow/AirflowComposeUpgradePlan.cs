using AirflowAspire.Hosting.Airflow;

namespace AirflowAspire.Hosting.Compose.Airflow;

/// <summary>
/// What <c>docker compose up -d</c> of the published file would do to one Airflow that a compose deployment already
/// runs, read without changing it: both releases, whether Airflow can migrate between them, the SQL the new image's
/// migration would run (a one-off container of the init service, removed again), the options the model sets that the
/// deployed release reads otherwise, the DAG image lock, Compose's order, and the commands that make the change safe,
/// since Compose neither stops Airflow before the migration nor keeps a copy of the database.
/// </summary>
internal sealed record AirflowComposeUpgradePlan(IReadOnlyList<string> Lines, AirflowUpgradeVerdict? Verdict)
{
    private static readonly TimeSpan SqlPreviewTimeout = TimeSpan.FromMinutes(5);

    public static async Task<AirflowComposeUpgradePlan> MakeAsync(
        ComposeCli cli, ComposeDeployment? deployment, string folder, AirflowResource airflow, CancellationToken cancellationToken)
    {
        var lines = new List<string> { $"Upgrade plan for Airflow '{airflow.Name}' of the compose deployment in {folder}:" };
        var init = airflow.Components[AirflowRole.Init].Name;
        var running = airflow.Components.Values.Where(c => c.Role != AirflowRole.Init).Select(c => c.Name).ToList();
        var deployed = deployment is null ? null : running.Append(init).SelectMany(deployment.Of).FirstOrDefault();
        var image = ComposeImage.Reference(airflow.Components[AirflowRole.Init]);
        if (deployment is null || deployed is null)
        {
            lines.Add($"  Not deployed there (no container of {string.Join(", ", running.Append(init))} exists): `{cli.Typed} up -d` installs Airflow {airflow.Version} ({image}) afresh.");
            return new(lines, null);
        }

        var deployedVersion = AirflowUpgradeNotes.DeployedVersion(deployed.Labels.GetValueOrDefault(AirflowUpgradeNotes.VersionLabel), deployed.Image, airflow.Name);
        lines.Add($"  Deployed: Airflow {deployedVersion?.ToString() ?? "of unknown version"} ({deployed.Image}, read from service {deployed.Service} of project {deployment.Project})");
        lines.Add($"  Model:    Airflow {airflow.Version} ({image})");
        if (deployedVersion is null)
        {
            lines.Add($"  Path:     unknown: the deployed image's tag is not an Airflow version and its container carries no {AirflowUpgradeNotes.VersionLabel} label.");
            return new(lines, null);
        }

        var verdict = AirflowUpgradePath.Of(deployedVersion, airflow.Version);
        var commands = new ComposeCommands(cli, deployment.Project);
        lines.Add($"  Path:     {verdict.Text}");
        lines.AddRange(AirflowUpgradeNotes.OptionLines(airflow, deployedVersion));
        lines.Add(AirflowUpgradeNotes.DagImageLine(airflow));
        lines.AddRange(verdict.Supported
            ? await SqlLinesAsync(cli, deployment.Project, folder, init, airflow, cancellationToken)
            : ["  SQL:      not previewed: Airflow cannot make this change."]);
        lines.AddRange(OrderLines(airflow, init, running));
        if (verdict.Supported && (verdict.ChangesVersion || deployed.Image != image))
        {
            lines.AddRange(SafeChangeLines(commands, folder, airflow, deployedVersion, running));
        }

        return new(lines, verdict);
    }

    private static async Task<IEnumerable<string>> SqlLinesAsync(
        ComposeCli cli, string project, string folder, string init, AirflowResource airflow, CancellationToken cancellationToken)
    {
        // A one-off container of the init service from the published file: the model's image with the init's settings,
        // on the project's network. The image's entrypoint migrates first when _AIRFLOW_DB_MIGRATE is not empty
        // (entrypoint_prod.sh tests `-n`), so both of its variables are set empty, never "false".
        string[] args =
        [
            "--project-name", project, "--file", Path.Combine(folder, ComposePublishStep.FileName), "--env-file", Path.Combine(folder, ComposeEnvFile.FileName),
            "run", "--rm", "--no-deps", "-T", "-e", "_AIRFLOW_DB_MIGRATE=", "-e", "_AIRFLOW_DB_UPGRADE=", init, "airflow", .. AirflowUpgradeNotes.SqlPreviewArgs,
        ];
        var result = await cli.RunAsync(args, SqlPreviewTimeout, cancellationToken);
        var succeeded = result.ExitCode == 0;
        var output = succeeded ? result.Output : $"{result.Output}\n{result.StandardError}";
        return AirflowUpgradeNotes.SqlLines(airflow, succeeded, output.Trim('\r', '\n').TrimEnd());
    }

    private static IEnumerable<string> OrderLines(AirflowResource airflow, string init, IReadOnlyList<string> running)
    {
        var servers = new[] { airflow.Database?.Parent, airflow.Broker }.OfType<IResource>().Select(r => r.Name).ToList();
        yield return "  Compose's order (`up -d` recreates what changed, each service after those it depends on):";
        var step = 0;
        if (servers.Count > 0)
        {
            yield return $"    {++step}. the servers Airflow needs, once healthy: {string.Join(", ", servers)}";
        }

        yield return $"    {++step}. {init}: the migration, with the model's image";
        yield return $"    {++step}. Airflow's components, on the model's image, once {init} completed: {string.Join(", ", running)}";
    }

    private static IEnumerable<string> SafeChangeLines(
        ComposeCommands commands, string folder, AirflowResource airflow, AirflowVersion deployed, IReadOnlyList<string> running)
    {
        yield return "  Compose neither stops Airflow's components before the migration nor keeps a copy of the database, and the";
        yield return $"  migration only goes forward. Before `up -d`, in {folder}:";
        yield return $"    $ {commands.Stop(running)}";
        if (airflow.Database is not { } database)
        {
            yield return "    back up the metadata database yourself: it is not a service of this deployment (a connection string)";
            yield return $"    $ {commands.Up}";
            yield break;
        }

        var dump = $"{airflow.Name}-{deployed}.dump";
        yield return $"    $ {commands.Dump(database, dump)}";
        yield return $"    $ {commands.Up}";
        yield return $"  To go back to {deployed} afterwards (what the database got since the dump is lost): publish the model with";
        yield return $"  .WithVersion(\"{deployed}\") again, then in {folder}:";
        yield return $"    $ {commands.Stop(running)}";
        yield return $"    $ {commands.Restore(database, dump)}";
        yield return $"    $ {commands.Up}";
    }
}
