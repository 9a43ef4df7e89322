using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace AirflowAspire.Orchestration.Tests.Processes;

/// <summary>
/// The start of an AMQP 0-9-1 connection, as a client such as Celery's makes it: protocol header,
/// Connection.Start, Connection.StartOk with PLAIN credentials. The broker answers Connection.Tune when
/// it accepts the credentials, and closes the connection when it does not.
/// </summary>
internal static class AmqpHandshake
{
    private const byte MethodFrame = 1;
    private const byte FrameEnd = 0xCE;
    private const ushort ConnectionClass = 10;
    private const ushort StartMethod = 10;
    private const ushort StartOkMethod = 11;
    private const ushort TuneMethod = 30;

    /// <summary>True when the broker accepted the user name and password.</summary>
    public static async Task<bool> AuthenticatesAsync(int port, string user, string password)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        stream.ReadTimeout = 10_000;
        await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray());

        var start = ReadMethod(stream) ?? throw new IOException("The broker closed the connection before Connection.Start.");
        Assert.Equal((ConnectionClass, StartMethod), start);

        await stream.WriteAsync(StartOk(user, password));
        return ReadMethod(stream) == (ConnectionClass, TuneMethod);
    }

    /// <summary>The class and method of the next method frame, or null when the broker closed the connection.</summary>
    private static (ushort Class, ushort Method)? ReadMethod(NetworkStream stream)
    {
        var header = new byte[7];
        try
        {
            stream.ReadExactly(header);
        }
        catch (IOException)
        {
            // Closed (or reset) by the broker: that is how it refuses credentials.
            return null;
        }

        var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(3)) + 1];
        stream.ReadExactly(payload);
        Assert.Equal(MethodFrame, header[0]);
        Assert.Equal(FrameEnd, payload[^1]);
        return (BinaryPrimitives.ReadUInt16BigEndian(payload), BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(2)));
    }

    private static byte[] StartOk(string user, string password)
    {
        var arguments = new List<byte>();
        arguments.AddRange(BigEndian16(ConnectionClass));
        arguments.AddRange(BigEndian16(StartOkMethod));
        arguments.AddRange(BigEndian32(0)); // client-properties: an empty table
        arguments.AddRange(ShortString("PLAIN"));
        var response = Encoding.UTF8.GetBytes($"\0{user}\0{password}");
        arguments.AddRange(BigEndian32((uint)response.Length));
        arguments.AddRange(response);
        arguments.AddRange(ShortString("en_US"));

        var frame = new List<byte> { MethodFrame, 0, 0 };
        frame.AddRange(BigEndian32((uint)arguments.Count));
        frame.AddRange(arguments);
        frame.Add(FrameEnd);
        return frame.ToArray();
    }

    private static byte[] ShortString(string text) => [(byte)text.Length, .. Encoding.ASCII.GetBytes(text)];

    private static byte[] BigEndian16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
