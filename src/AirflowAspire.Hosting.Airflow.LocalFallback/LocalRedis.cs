using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>
/// Aspire's Redis as the machine's <c>redis-server</c> on a free port, its data in the data folder. The password
/// reaches it through the environment and a here-document on its standard input, never its arguments, quoted as
/// redis.conf reads values (<see cref="RedisConfigValue"/>), so any character is the password's own.
/// </summary>
internal static class LocalRedis
{
    private const string PasswordVariable = "AIRFLOWASPIRE_REDIS_PASSWORD";

    public static LocalServer Create(RedisResource redis, string dataDirectory)
    {
        var program = LocalProcesses.FindOnPath("redis-server");
        if (program is null)
        {
            return LocalServer.Unavailable(redis.Name, "redis-server is not installed: install Docker or Podman, or Redis (apt-get install redis-server).");
        }

        Directory.CreateDirectory(dataDirectory);
        var password = redis.PasswordParameter;
        var start = $"exec '{program}' - --bind '127.0.0.1 -::1' --port \"$1\" --dir \"$2\" --save '60 1' --appendonly no";
        var script = password is null ? $"{start} </dev/null" : $"{start} <<EOF\nrequirepass ${PasswordVariable}\nEOF\n";
        var server = LocalServer.Create(
            redis.Name,
            "/bin/sh",
            dataDirectory,
            endpoint => password is null
                ? ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}")
                : ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)},password={password}"),
            port => ["-c", script, "sh", $"{port}", dataDirectory],
            (_, _) => { },
            async (port, ct) =>
            {
                var options = new ConfigurationOptions { EndPoints = { { "localhost", port } }, ConnectTimeout = 3000, AbortOnConnectFail = true };
                if (password is not null)
                {
                    options.Password = await password.GetValueAsync(ct).ConfigureAwait(false);
                }

                await using var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
                await connection.GetDatabase().PingAsync().ConfigureAwait(false);
                return HealthCheckResult.Healthy();
            });
        if (password is not null)
        {
            // Already quoted: the shell puts the variable's value into the here-document as it is.
            server.Resource.Annotations.Add(new EnvironmentCallbackAnnotation(async context =>
                context.EnvironmentVariables[PasswordVariable] =
                    RedisConfigValue.Quote(await password.GetValueAsync(context.CancellationToken).ConfigureAwait(false) ?? "")));
        }

        return server;
    }
}
