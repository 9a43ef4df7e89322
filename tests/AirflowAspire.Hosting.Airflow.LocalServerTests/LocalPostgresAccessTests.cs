using AirflowAspire.Hosting.Airflow.LocalFallback;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.LocalServerTests;

/// <summary>
/// The local Postgres admits only its owner without a password: its Unix socket is in a folder of its own that
/// only the server's user may enter, and over TCP (loopback only) every user must give the password.
/// </summary>
public sealed class LocalPostgresAccessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [SkippableFact]
    public async Task Another_user_of_the_machine_cannot_connect_through_the_socket_and_tcp_asks_for_the_password()
    {
        LocalApp.RequireServers();
        using var folder = new TempFolder();
        var data = LocalApp.ReachableBy(folder);
        var builder = LocalApp.Create(output, ContainerRuntimeProbe.None, data);
        builder.AddPostgres("pg");

        await using (var app = await builder.BuildAsync().WaitAsync(TimeSpan.FromMinutes(1)))
        {
            await app.StartAsync().WaitAsync(LocalApp.ResourceTimeout);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("pg").WaitAsync(LocalApp.ResourceTimeout);
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();
            var port = ((LocalServerResource)model.Resources.Single(r => r.Name == "pg")).Endpoint.Port;
            var connectionString = await app.GetConnectionStringAsync("pg").AsTask().WaitAsync(ClientTimeout);

            string socketDirectory;
            await using (var connection = new NpgsqlConnection($"{connectionString};Database=postgres;Pooling=false"))
            {
                await connection.OpenAsync().WaitAsync(ClientTimeout);
                socketDirectory = await ShowAsync(connection, "unix_socket_directories");
            }

            output.WriteLine($"socket folder {socketDirectory}");

            // Another user of the machine, without a password, is turned away at the socket.
            if (Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/runuser") && File.Exists("/usr/bin/psql"))
            {
                var other = await BoundedProcess.RunAsync(
                    "/usr/sbin/runuser",
                    ["-u", "nobody", "--", "/usr/bin/psql", "-h", socketDirectory, "-p", $"{port}", "-U", "postgres", "-d", "postgres", "-w", "-tAc", "SELECT current_user"],
                    ClientTimeout);
                output.WriteLine($"nobody: exit {other.ExitCode}: {other.StandardOutput}{other.StandardError}");
                Assert.True(other.ExitCode != 0, $"The user nobody connected through the socket as {other.StandardOutput.Trim()} without a password.");
                Assert.Contains("Permission denied", other.StandardError, StringComparison.Ordinal);
            }

            // Only the server's user may enter the socket's folder or use the socket.
#pragma warning disable CA1416 // Skipped off Linux (LocalApp.ReachableBy).
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(socketDirectory));
#pragma warning restore CA1416
            await using (var connection = new NpgsqlConnection($"{connectionString};Database=postgres;Pooling=false"))
            {
                await connection.OpenAsync().WaitAsync(ClientTimeout);
                Assert.Equal("0700", await ShowAsync(connection, "unix_socket_permissions"));

                // Every TCP rule asks for the password (SCRAM); only the socket's rules trust.
                await using var rules = new NpgsqlCommand("SELECT type, auth_method FROM pg_hba_file_rules WHERE error IS NULL", connection);
                await using var reader = await rules.ExecuteReaderAsync();
                var seen = new List<(string Type, string Method)>();
                while (await reader.ReadAsync())
                {
                    seen.Add((reader.GetString(0), reader.GetString(1)));
                }

                output.WriteLine(string.Join(", ", seen));
                Assert.Contains(seen, r => r.Type == "host");
                Assert.All(seen.Where(r => r.Type != "local"), r => Assert.Equal(("host", "scram-sha-256"), r));
            }

            // Over TCP, the server listens on loopback only and a wrong password is refused.
            var listening = ListeningSockets.On(port);
            Assert.NotEmpty(listening);
            Assert.All(listening, a => Assert.True(ListeningSockets.IsLoopback(a), $"Postgres listens on {a}"));
            var wrong = new NpgsqlConnectionStringBuilder(connectionString) { Password = "not-the-password", Database = "postgres", Pooling = false };
            await using (var connection = new NpgsqlConnection(wrong.ConnectionString))
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync().WaitAsync(ClientTimeout));
                Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
            }

            await app.StopAsync().WaitAsync(LocalApp.ResourceTimeout);
        }

        Assert.Empty(await LocalApp.WaitUntilNoProcessMentionsAsync(data));
    }

    private static async Task<string> ShowAsync(NpgsqlConnection connection, string setting)
    {
        await using var show = new NpgsqlCommand($"SHOW {setting}", connection);
        return (string)(await show.ExecuteScalarAsync())!;
    }
}
