using System.Net.Sockets;
using System.Text;

namespace AirflowAspire.Orchestration.Tests.Containers;

/// <summary>Just enough of Redis's wire protocol to send inline commands from the host and read the replies.</summary>
internal static class RedisWire
{
    public static async Task<string> SendAsync(int port, string commands, int lines, bool lastOnly)
    {
        using var client = new TcpClient();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync("127.0.0.1", port, limit.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(commands), limit.Token);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var replies = new List<string>();
        while (replies.Count < lines && await reader.ReadLineAsync(limit.Token) is { } line)
        {
            replies.Add(line);
        }

        return lastOnly ? replies[^1] : string.Join('\n', replies);
    }
}
