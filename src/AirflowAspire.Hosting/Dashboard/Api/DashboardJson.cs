using System.Text.Json;
using System.Text.Json.Serialization;

namespace AirflowAspire.Hosting.Dashboard.Api;

/// <summary>camelCase names and enums as their names, as the pages' scripts read them.</summary>
internal static class DashboardJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}

internal sealed record ApiError(string Error);
