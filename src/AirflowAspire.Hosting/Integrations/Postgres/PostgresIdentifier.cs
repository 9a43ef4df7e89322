using System.Text.RegularExpressions;

namespace AirflowAspire.Hosting.Integrations.Postgres;

/// <summary>Database names that need no quoting anywhere they are written (SQL, URLs, env files).</summary>
internal static partial class PostgresIdentifier
{
    public static bool IsValid(string name) => Identifier().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
