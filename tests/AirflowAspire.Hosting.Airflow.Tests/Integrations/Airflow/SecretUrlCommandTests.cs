namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>
/// The database and broker URLs reach Airflow through <c>_CMD</c> options built from parts. Run as Airflow runs them
/// (<see cref="AirflowCommandOption"/>: shlex-split, no shell, stdout used as it is), the value must be exactly the
/// URL, with no trailing newline (real Airflow 3.2 then looked for database <c>"airflow\n"</c>), and a password with
/// every character a URL reserves must come out URL-encoded, so the URL parses back to the same password.
/// </summary>
public class SecretUrlCommandTests
{
    private const string Parse = """
        import json, os, urllib.parse
        parsed = urllib.parse.urlsplit(os.environ["URL"])
        print(json.dumps([parsed.scheme, urllib.parse.unquote(parsed.username or ""), urllib.parse.unquote(parsed.password or ""),
                          parsed.hostname, parsed.port, parsed.path]))
        """;

    public static TheoryData<string> Passwords => ["p@ss:w/rd?#[]{}%&+= !'\"$\\`", "plain", "ünïcødé"];

    public static TheoryData<string, string, string> Options => new()
    {
        { "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD", "AIRFLOWASPIRE_DATABASE", "postgres:5432/airflow" },
        { "AIRFLOW__CELERY__BROKER_URL_CMD", "AIRFLOWASPIRE_BROKER", "redis:6379/0" },
        { "AIRFLOW__CELERY__RESULT_BACKEND_CMD", "AIRFLOWASPIRE_RESULT_BACKEND", "postgres:5432/airflow" },
    };

    [SkippableTheory]
    [MemberData(nameof(Passwords))]
    public void Database_url_command_gives_exactly_the_url_for_any_password(string password)
    {
        var python = PythonOrSkip();
        var env = SchedulerEnvironment();

        var url = RunAsAirflow(python, env, "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD", "AIRFLOWASPIRE_DATABASE", password, "postgres:5432/airflow");

        Assert.StartsWith("postgresql+psycopg2://postgres:", url);
        Assert.EndsWith("@postgres:5432/airflow", url);
        var parts = System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement[]>(Python.Run(python, Parse, new Dictionary<string, string> { ["URL"] = url }).Stdout)!;
        Assert.Equal(["postgresql+psycopg2", "postgres", password, "postgres", "5432", "/airflow"], parts.Select(p => p.ToString()));
    }

    [SkippableTheory]
    [MemberData(nameof(Options))]
    public void Every_url_command_ends_with_the_address_and_nothing_after_it(string option, string prefix, string address)
    {
        var python = PythonOrSkip();
        var env = SchedulerEnvironment();

        var url = RunAsAirflow(python, env, option, prefix, "secret", address);

        Assert.EndsWith("@" + address, url);
    }

    private static string RunAsAirflow(string python, IReadOnlyDictionary<string, string> env, string option, string prefix, string password, string address) =>
        AirflowCommandOption.Evaluate(python, env[option], new Dictionary<string, string>
        {
            [$"{prefix}_USER"] = env[$"{prefix}_USER"],
            [$"{prefix}_PASSWORD"] = password,
            [$"{prefix}_ADDRESS"] = address,
        });

    private static string PythonOrSkip()
    {
        var python = Python.FindWith("urllib.parse");
        RequiredTool.SkipOrFailIfMissing(python is null, "python3 is not installed");
        return python!;
    }

    private static Dictionary<string, string> SchedulerEnvironment()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery();
        return ModelInspection.Environment(airflow.Resource.Components[AirflowRole.Scheduler]);
    }
}
