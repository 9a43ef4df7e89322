using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting;

/// <summary>The publishing switches of the AppHost command line: <c>--publisher NAME --output-path PATH</c>.</summary>
internal sealed record PublishingOptions(string? Publisher, string? OutputPath)
{
    public static PublishingOptions From(IConfiguration configuration) =>
        new(NullIfEmpty(configuration["publisher"]), NullIfEmpty(configuration["output-path"]));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
