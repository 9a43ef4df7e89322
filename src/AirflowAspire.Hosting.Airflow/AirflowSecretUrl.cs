namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// A URL that embeds a password (the metadata database's, the Celery broker's), given to Airflow through the
/// option's <c>_CMD</c> variant: the parts are plain variables, the password one of its own, and a Python
/// one-liner joins them with the user and password URL-encoded. So a generated password with characters a URL
/// reserves still works; no published file (manifest, ConfigMap, compose file) holds a URL with a secret in it;
/// and each placeholder is a whole value, which every deployment tool can substitute. Airflow runs the command
/// (split with shlex, no shell) for its sensitive options and takes its stdout as it is, unstripped
/// (<c>run_command</c> in Airflow's configuration parser), so the command prints no trailing newline. The official
/// image's entrypoint does not run it: it waits for the database with <c>airflow db check</c>, which reads it
/// through Airflow.
/// </summary>
/// <param name="Scheme">The URL's scheme, e.g. <c>postgresql+psycopg2</c> or <c>redis</c>.</param>
/// <param name="VariablePrefix">The prefix of the part variables, e.g. <c>AIRFLOWASPIRE_DATABASE</c>.</param>
internal sealed record AirflowSecretUrl(string Scheme, string VariablePrefix)
{
    public string UserVariable => $"{VariablePrefix}_USER";

    public string PasswordVariable => $"{VariablePrefix}_PASSWORD";

    /// <summary>Everything after the <c>@</c>: <c>host:port/database</c>.</summary>
    public string AddressVariable => $"{VariablePrefix}_ADDRESS";

    public string Command =>
        "python -c \"import os, urllib.parse as u; e = os.environ; " +
        $"print('{Scheme}://' + u.quote(e['{UserVariable}'], safe='') + ':' + u.quote(e['{PasswordVariable}'], safe='') + '@' + e['{AddressVariable}'], end='')\"";

    /// <summary>Sets the option's <c>_CMD</c> variable and the part variables the command reads.</summary>
    public void Apply(IDictionary<string, object> env, string optionVariable, object user, object password, ReferenceExpression address)
    {
        env[$"{optionVariable}_CMD"] = Command;
        env[UserVariable] = user;
        env[PasswordVariable] = password;
        env[AddressVariable] = address;
    }
}
