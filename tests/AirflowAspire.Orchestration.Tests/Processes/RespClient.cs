using System.Net.Sockets;
using System.Text;

namespace AirflowAspire.Orchestration.Tests.Processes;

/// <summary>The smallest Redis client: commands as RESP arrays, replies as text (<c>+PONG</c>, <c>-WRONGPASS ...</c>, the bulk string).</summary>
internal sealed class RespClient : IDisposable
{
    private readonly TcpClient client;
    private readonly NetworkStream stream;

    private RespClient(TcpClient client)
    {
        this.client = client;
        stream = client.GetStream();
        stream.ReadTimeout = 5000;
    }

    public static async Task<RespClient> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        return new RespClient(client);
    }

    public async Task<string> SendAsync(params string[] command)
    {
        var request = new StringBuilder($"*{command.Length}\r\n");
        foreach (var part in command)
        {
            request.Append($"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        var line = ReadLine();
        if (!line.StartsWith('$'))
        {
            return line;
        }

        var length = int.Parse(line[1..]);
        if (length < 0)
        {
            return "(nil)";
        }

        var bulk = new byte[length + 2];
        stream.ReadExactly(bulk);
        return Encoding.UTF8.GetString(bulk, 0, length);
    }

    public void Dispose() => client.Dispose();

    private string ReadLine()
    {
        var bytes = new List<byte>();
        while (true)
        {
            var next = stream.ReadByte();
            if (next < 0)
            {
                throw new IOException("Redis closed the connection.");
            }

            if (next == '\n' && bytes.Count > 0 && bytes[^1] == '\r')
            {
                return Encoding.UTF8.GetString(bytes.ToArray(), 0, bytes.Count - 1);
            }

            bytes.Add((byte)next);
        }
    }
}
