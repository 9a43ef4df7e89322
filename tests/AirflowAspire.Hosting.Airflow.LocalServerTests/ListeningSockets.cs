using System.Globalization;
using System.Net;

namespace AirflowAspire.Hosting.Airflow.LocalServerTests;

/// <summary>The addresses the machine's TCP sockets listen on, as the kernel lists them (/proc/net/tcp and tcp6).</summary>
internal static class ListeningSockets
{
    private const string ListenState = "0A";

    /// <summary>Every address a socket listens on at <paramref name="port"/> (0.0.0.0 or :: when on every interface).</summary>
    public static IReadOnlyList<IPAddress> On(int port) =>
        [.. Read("/proc/net/tcp", port), .. Read("/proc/net/tcp6", port)];

    /// <summary>Loopback only, an IPv4 address mapped into IPv6 counted as itself.</summary>
    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static IEnumerable<IPAddress> Read(string table, int port)
    {
        if (!File.Exists(table))
        {
            yield break;
        }

        // "  0: 0100007F:1F90 00000000:0000 0A ...": the local address in hex (each 32-bit word in host order), the state.
        foreach (var line in File.ReadLines(table).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[3] != ListenState || fields[1].Split(':') is not [var address, var hexPort]
                || int.Parse(hexPort, NumberStyles.HexNumber, CultureInfo.InvariantCulture) != port)
            {
                continue;
            }

            var bytes = Convert.FromHexString(address);
            for (var word = 0; word < bytes.Length; word += 4)
            {
                Array.Reverse(bytes, word, 4);
            }

            yield return new IPAddress(bytes);
        }
    }
}
