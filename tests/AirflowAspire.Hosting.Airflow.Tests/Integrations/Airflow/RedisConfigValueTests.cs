using AirflowAspire.Hosting.Airflow.LocalFallback;

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>
/// How the local Redis's password is written into its configuration: one double-quoted value on one line, with the
/// escapes Redis's sdssplitargs (src/sds.c) turns back into the same bytes. (LocalServerTests runs a Redis with it.)
/// </summary>
public class RedisConfigValueTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("", "\"\"")]
    [InlineData("a\"b\\c d#e", "\"a\\\"b\\\\c d#e\"")]
    [InlineData("x\"\nrequirepass \"y", "\"x\\\"\\nrequirepass \\\"y\"")]
    [InlineData("tab\tcr\rbell\u0007", "\"tab\\tcr\\rbell\\x07\"")]
    [InlineData("it's $HOME `id`", "\"it's $HOME `id`\"")]
    [InlineData("\u00fc", "\"\\xc3\\xbc\"")]
    public void A_value_is_one_quoted_line_redis_reads_back_as_it_is(string value, string expected)
    {
        var quoted = RedisConfigValue.Quote(value);

        Assert.Equal(expected, quoted);
        Assert.DoesNotContain('\n', quoted);
        Assert.DoesNotContain('\r', quoted);
    }
}
