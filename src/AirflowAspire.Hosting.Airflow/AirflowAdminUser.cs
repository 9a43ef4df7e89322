namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// How the first admin user is created without its password in any process's arguments, where <c>ps</c> (and, in
/// a cluster, the pod's spec after the kubelet expands <c>$(VAR)</c>) shows it. The official image's entrypoint
/// would run <c>airflow users create --password "$value"</c> for <c>_AIRFLOW_WWW_USER_CREATE</c>
/// (apache/airflow scripts/docker/entrypoint_prod.sh), so it is not used. Instead a shell pipes the password
/// variable into the command's prompt: without <c>--password</c>, <c>users create</c> asks with
/// <c>getpass.getpass</c> twice (the FAB provider's auth_manager/cli_commands/user_command.py,
/// <c>_create_password</c>; Airflow 2 and 3 alike), and with no terminal getpass reads standard input
/// (CPython Lib/getpass.py, <c>unix_getpass</c>). <c>printf</c> is a shell builtin, so the value is in no argv.
/// An existing user is kept and the command still succeeds, so the step can run again.
/// </summary>
internal static class AirflowAdminUser
{
    public const string UserNameVariable = "AIRFLOWASPIRE_ADMIN_USERNAME";
    public const string PasswordVariable = "AIRFLOWASPIRE_ADMIN_PASSWORD";

    /// <summary>
    /// A POSIX shell script reading only <see cref="UserNameVariable"/> and <see cref="PasswordVariable"/>: no
    /// <c>$(</c> or <c>$$</c> for the kubelet to expand, no braces a manifest reader could take for an expression.
    /// </summary>
    public static string CreateScript { get; } =
        $"printf '%s\\n%s\\n' \"${PasswordVariable}\" \"${PasswordVariable}\" | airflow users create " +
        $"--username \"${UserNameVariable}\" --firstname Airflow --lastname Admin --email \"${UserNameVariable}@example.com\" --role Admin";

    /// <summary>The script as arguments of the image's entrypoint, which runs <c>bash</c> for a first argument <c>bash</c>.</summary>
    public static IReadOnlyList<string> CreateArgs { get; } = ["bash", "-c", CreateScript];
}
