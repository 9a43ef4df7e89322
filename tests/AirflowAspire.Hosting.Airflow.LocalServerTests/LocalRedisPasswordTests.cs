using System.Net.Sockets;
using System.Text;
using AirflowAspire.Hosting.Airflow.LocalFallback;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.LocalServerTests;

/// <summary>
/// The local Redis takes its password parameter's value as it is, whatever characters it holds: it is the one
/// password, and it cannot add a line to the server's configuration.
/// </summary>
public sealed class LocalRedisPasswordTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task A_password_with_quotes_backslashes_spaces_hashes_and_newlines_is_the_password()
    {
        const string password = "a\"b\\c d#e\nf'g\t\u00fc";
        await WithRedisAsync(password, async (app, port) =>
        {
            Assert.Equal("+OK", await AuthAsync(port, password));

            // What users see: healthy, and a client given the password works with it.
            await app.ResourceNotifications.WaitForResourceHealthyAsync("cache").WaitAsync(LocalApp.ResourceTimeout);
            var options = new ConfigurationOptions { EndPoints = { { "localhost", port } }, Password = password, AbortOnConnectFail = true };
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(ClientTimeout);
            await connection.GetDatabase().StringSetAsync("k", "v");
            Assert.Equal("v", (string?)await connection.GetDatabase().StringGetAsync("k"));
        });
    }

    [SkippableFact]
    public async Task A_password_cannot_add_a_line_to_the_configuration()
    {
        const string password = "x\"\nrequirepass \"y";
        await WithRedisAsync(password, async (app, port) =>
        {
            var second = await AuthAsync(port, "y");
            Assert.False(second == "+OK", "The password's second line made 'y' the password.");
            Assert.StartsWith("-WRONGPASS", second, StringComparison.Ordinal);
            Assert.Equal("+OK", await AuthAsync(port, password));
            await app.ResourceNotifications.WaitForResourceHealthyAsync("cache").WaitAsync(LocalApp.ResourceTimeout);
        });
    }

    /// <summary>Runs a local Redis "cache" with the password, until it accepts connections, then the checks.</summary>
    private async Task WithRedisAsync(string password, Func<DistributedApplication, int, Task> check)
    {
        LocalApp.RequireServers();
        using var folder = new TempFolder();
        var data = LocalApp.ReachableBy(folder);
        var builder = LocalApp.Create(output, ContainerRuntimeProbe.None, data);
        builder.Configuration["Parameters:cache-password"] = password;
        builder.AddRedis("cache", password: builder.AddParameter("cache-password", secret: true));

        await using (var app = await builder.BuildAsync().WaitAsync(TimeSpan.FromMinutes(1)))
        {
            await app.StartAsync().WaitAsync(LocalApp.ResourceTimeout);
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();
            var port = ((LocalServerResource)model.Resources.Single(r => r.Name == "cache")).Endpoint.Port;
            await BoundedWait.UntilAsync("the local Redis to accept connections", ClientTimeout, async () =>
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", port);
                    return (true, "connected");
                }
                catch (SocketException e)
                {
                    var state = app.ResourceNotifications.TryGetCurrentState("cache", out var current) ? current.Snapshot.State?.Text : null;
                    return (false, $"{e.Message} (resource state: {state})");
                }
            });

            await check(app, port);
            await app.StopAsync().WaitAsync(LocalApp.ResourceTimeout);
        }

        Assert.Empty(await LocalApp.WaitUntilNoProcessMentionsAsync(data));
    }

    /// <summary>AUTH in Redis's protocol (each argument sent with its length, so any byte may be in it); the reply's first line.</summary>
    private static async Task<string> AuthAsync(int port, string password)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port).WaitAsync(ClientTimeout);
        var stream = client.GetStream();
        var secret = Encoding.UTF8.GetBytes(password);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"*2\r\n$4\r\nAUTH\r\n${secret.Length}\r\n"));
        await stream.WriteAsync(secret);
        await stream.WriteAsync("\r\n"u8.ToArray());
        var reply = new StringBuilder();
        var buffer = new byte[256];
        while (!reply.ToString().Contains("\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(ClientTimeout);
            if (read == 0)
            {
                break;
            }

            reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return reply.ToString().Split("\r\n")[0];
    }
}
