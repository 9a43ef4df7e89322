using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AirflowAspire.Hosting.Dashboard.Pages;

/// <summary>The files of Dashboard/Assets, compiled into the assembly, and <c>GET /assets/{file}</c> to serve them.</summary>
internal static class EmbeddedAssets
{
    private const string ResourcePrefix = "AirflowAspire.Dashboard.";

    private static readonly ConcurrentDictionary<string, byte[]?> Cache = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static string ReadText(string fileName) =>
        System.Text.Encoding.UTF8.GetString(Read(fileName) ?? throw new InvalidOperationException($"The dashboard asset {fileName} is not embedded."));

    /// <summary>Only styles, scripts and images: the HTML templates are rendered by the page endpoints.</summary>
    public static void MapAssets(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/assets/{file}", (string file) =>
            ContentTypes.TryGetValue(Path.GetExtension(file), out var contentType) && Read(file) is { } content
                ? Results.Bytes(content, contentType)
                : Results.NotFound());

    private static byte[]? Read(string fileName) =>
        Cache.GetOrAdd(fileName, name =>
        {
            using var stream = typeof(EmbeddedAssets).Assembly.GetManifestResourceStream(ResourcePrefix + name);
            if (stream is null)
            {
                return null;
            }

            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
}
