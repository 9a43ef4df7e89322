namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>
/// The database and broker URLs reach Airflow through <c>_CMD</c> options built from parts. Run the way Airflow
/// runs them (shlex-split, no shell) and the way the official image's entrypoint does (a shell's eval), a password
/// with every character a URL reserves must come out URL-encoded, so the URL parses back to the same password.
/// </summary>
public class SecretUrlCommandTests
{
    private const string RunAndParse = """
        import os, shlex, subprocess, sys, urllib.parse
        args = shlex.split(os.environ["URL_CMD"])
        assert args[0] == "python", args[0]
        by_airflow = subprocess.check_output(args).decode().strip()
        by_entrypoint = subprocess.check_output(["sh", "-c", "eval \"$URL_CMD\""]).decode().strip()
        parsed = urllib.parse.urlsplit(by_airflow)
        print(parsed.scheme)
        print(urllib.parse.unquote(parsed.username or ""))
        print(urllib.parse.unquote(parsed.password or ""))
        print(parsed.hostname, parsed.port, parsed.path, sep="|")
        print(by_airflow == by_entrypoint)
        """;

    public static TheoryData<string> Passwords => ["p@ss:w/rd?#[]{}%&+= !'\"$\\`", "plain", "ünïcødé"];

    [SkippableTheory]
    [MemberData(nameof(Passwords))]
    public void Database_url_command_encodes_any_password(string password)
    {
        var python = Python.FindWith("urllib.parse");
        RequiredTool.SkipOrFailIfMissing(python is null, "python3 is not installed");
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();
        var env = ModelInspection.Environment(airflow.Resource.Components[AirflowRole.Scheduler]);

        // The official image has `python`; Debian has only python3, so the test puts a `python` on PATH.
        var bin = test.CreateFolder("bin");
        File.CreateSymbolicLink(Path.Combine(bin, "python"), python!);
        var (exitCode, stdout, stderr) = Python.Run(python!, RunAndParse, new Dictionary<string, string>
        {
            ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}",
            ["URL_CMD"] = env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD"],
            ["AIRFLOWASPIRE_DATABASE_USER"] = env["AIRFLOWASPIRE_DATABASE_USER"],
            ["AIRFLOWASPIRE_DATABASE_PASSWORD"] = password,
            ["AIRFLOWASPIRE_DATABASE_ADDRESS"] = "postgres:5432/airflow",
        });

        Assert.True(exitCode == 0, stderr);
        var lines = stdout.Split('\n');
        Assert.Equal("postgresql+psycopg2", lines[0]);
        Assert.Equal("postgres", lines[1]);
        Assert.Equal(password, lines[2]);
        Assert.Equal("postgres|5432|/airflow", lines[3]);
        Assert.Equal("True", lines[4]);
    }
}
