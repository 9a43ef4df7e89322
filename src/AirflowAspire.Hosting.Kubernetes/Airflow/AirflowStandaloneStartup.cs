using AirflowAspire.Hosting.Airflow;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// The standalone pod's start order on a server without native sidecars (before Kubernetes 1.29), where no init
/// container can wait for a Postgres of the same pod: Postgres runs as a plain container beside the components,
/// the API server (or webserver) container migrates the database and creates the first user before it starts,
/// and every other Airflow container waits for that migration. Each runs its steps in <c>bash -c</c> through the
/// image's entrypoint, which first waits until the database answers, then hands over to its own command.
/// </summary>
internal static class AirflowStandaloneStartup
{
    /// <summary>The official image's entrypoint, which every component's own command goes through.</summary>
    public const string ImageEntrypoint = "/entrypoint";

    /// <summary>How long the other components wait for the migration: a fresh database's, within their startup probes' five minutes.</summary>
    public const int MigrationWaitSeconds = 240;

    /// <summary>
    /// Runs <paramref name="steps"/> (of the same image, e.g. the migration and the first user) inside
    /// <paramref name="container"/> before its own command, with the environment their containers have.
    /// </summary>
    public static void RunFirst(V1Container container, IReadOnlyList<AirflowMigrations.FirstStep> steps)
    {
        var env = container.Env?.ToList() ?? [];
        foreach (var variable in steps.SelectMany(s => s.Container.Env ?? []).Where(v => env.All(e => e.Name != v.Name)))
        {
            env.Add(variable);
        }

        container.Env = AirflowCluster.NullIfEmpty(env);
        Wrap(container, steps.Select(step => step.ShellCommand));
    }

    /// <summary>Holds <paramref name="container"/> back until the database is at this version's schema.</summary>
    public static void WaitForMigration(V1Container container) =>
        Wrap(container, ["airflow " + KubeletShell.Command(AirflowClusterFacts.CheckMigrationsArgsFor(MigrationWaitSeconds))]);

    /// <summary>What a deploy says when it renders this start order for the server it found.</summary>
    public static string Note(AirflowResource airflow, string name, KubernetesServerFeatures server, string webContainer) =>
        $"StatefulSet/{name}: Kubernetes {server.Version} has no native sidecars (1.29 and later do), so Airflow '{airflow.Name}' runs Postgres " +
        $"as a plain container of its pod, migrates the database and creates the first user in its '{webContainer}' container before that " +
        "starts, and holds the other components until the migration is done.";

    /// <summary>
    /// <c>bash -c 'steps &amp;&amp; exec "$@"' name command...</c>: the container's own command passes as arguments, so
    /// Kubernetes expands its <c>$(VAR)</c> references as before and the shell never parses it.
    /// </summary>
    private static void Wrap(V1Container container, IEnumerable<string> steps)
    {
        var script = KubeletShell.EscapeForKubelet(string.Join(" && ", steps.Append("exec \"$@\"")));
        IList<string> command = container.Command ?? [ImageEntrypoint];
        container.Args = ["bash", "-c", script, container.Name, .. command, .. container.Args ?? []];
        container.Command = null;
    }
}
