using System.Text;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Airflow.Settings;

/// <summary>
/// A secret written in a settings file (a password, an extra's token) as a secret parameter of the model, so it
/// goes where every secret goes: masked in the dashboard, a <c>secretKeyRef</c> and <c>secrets.env</c> in
/// Kubernetes, <c>.env</c> in compose, a placeholder in the manifest. Its value is the configuration's
/// <c>Parameters:{name}</c>, which a local run resolves and a publish writes to the secret value file as a supplied
/// value; a value the AppHost's own configuration already gives wins, as for any parameter.
/// </summary>
internal static class SettingsFileSecrets
{
    /// <summary>The longest name Aspire gives a resource.</summary>
    private const int MaxNameLength = 64;

    /// <summary>The secret parameter <c>{airflow}-{owner}-{part}</c>, e.g. <c>airflow-warehouse-password</c>, whose value is <paramref name="value"/>.</summary>
    public static IResourceBuilder<ParameterResource> Parameter(IResourceBuilder<AirflowResource> airflow, string owner, string part, string value)
    {
        var builder = airflow.ApplicationBuilder;
        var name = UnusedName(builder, $"{airflow.Resource.Name}-{Slug(owner)}-{Slug(part)}");
        var key = $"Parameters:{name}";
        if (string.IsNullOrEmpty(builder.Configuration[key]))
        {
            builder.Configuration.AddInMemoryCollection([new(key, value)]);
        }

        return builder.AddParameter(name, secret: true);
    }

    /// <summary>Lower case letters and digits joined by single hyphens, as a resource name must be: <c>my_Conn</c> → <c>my-conn</c>.</summary>
    private static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().Trim('-');
    }

    /// <summary><paramref name="name"/> cut to Aspire's length, with a number after it if a resource has it already (<c>my_conn</c> and <c>my__conn</c>).</summary>
    private static string UnusedName(IDistributedApplicationBuilder builder, string name)
    {
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "" : $"-{n}";
            var candidate = name[..Math.Min(name.Length, MaxNameLength - suffix.Length)].TrimEnd('-') + suffix;
            if (!builder.Resources.Any(r => string.Equals(r.Name, candidate, StringComparison.OrdinalIgnoreCase)))
            {
                return candidate;
            }
        }
    }
}
