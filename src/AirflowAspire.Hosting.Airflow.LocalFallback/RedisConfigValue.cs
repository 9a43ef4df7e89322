using System.Text;

namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>
/// A value written into a redis.conf line so Redis reads back exactly it. Redis splits each line with
/// <c>sdssplitargs</c> (src/sds.c): inside "..." it turns \" \\ \n \r \t \b \a and \xHH back into their bytes, and
/// a line ends only at a real newline, so an escaped value can neither break its line nor add another.
/// </summary>
internal static class RedisConfigValue
{
    public static string Quote(string value)
    {
        var quoted = new StringBuilder("\"", value.Length + 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            quoted.Append(b switch
            {
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                (byte)'\t' => "\\t",
                // Other control bytes, DEL and every byte of a non-ASCII character: as hex, so the line is plain ASCII.
                < 0x20 or >= 0x7f => $"\\x{b:x2}",
                _ => ((char)b).ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
