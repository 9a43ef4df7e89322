using System.Text.RegularExpressions;

namespace AirflowAspire.Hosting.Compose.Airflow;

/// <summary>
/// Shell commands a user runs in the compose folder around an upgrade. The database's password never appears in
/// them: the Postgres container's own <c>POSTGRES_PASSWORD</c> is read inside it (single quotes keep the user's shell
/// from expanding it), and the dump travels through standard input and output.
/// </summary>
internal sealed partial record ComposeCommands(ComposeCli Cli, string Project)
{
    private string Compose => $"{Cli.Typed} --project-name {Quote(Project)}";

    public string Up => $"{Compose} up -d";

    public string Stop(IEnumerable<string> services) => $"{Compose} stop {string.Join(' ', services.Select(Quote))}";

    public string Dump(PostgresDatabaseResource database, string file) =>
        $"{Exec(database)} 'PGPASSWORD=\"$POSTGRES_PASSWORD\" pg_dump --format=custom --host=127.0.0.1 --username=\"$POSTGRES_USER\"' > {Quote(file)}";

    /// <summary>Drops the database (ending its sessions) and creates it empty before restoring, so nothing a later migration added stays.</summary>
    public string Restore(PostgresDatabaseResource database, string file) =>
        $"{Exec(database)} 'export PGPASSWORD=\"$POSTGRES_PASSWORD\" PGHOST=127.0.0.1 PGUSER=\"$POSTGRES_USER\"; " +
        $"dropdb --force \"$PGDATABASE\" && createdb \"$PGDATABASE\" && pg_restore --exit-on-error --dbname=\"$PGDATABASE\"' < {Quote(file)}";

    private string Exec(PostgresDatabaseResource database) =>
        $"{Compose} exec -T -e PGDATABASE={Quote(database.DatabaseName)} {Quote(database.Parent.Name)} sh -c";

    private static string Quote(string word) => PlainWord().IsMatch(word) ? word : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    [GeneratedRegex("^[A-Za-z0-9_./:=@%+-]+$")]
    private static partial Regex PlainWord();
}
