using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Publishing;

/// <summary>
/// A switch with a value (<c>--namespace NS</c>, <c>--kubeconfig PATH</c>), read from the command line first: .NET's
/// command-line configuration takes the next argument as the value of a bare switch before it, so after
/// <c>--delete-data --namespace prod</c> configuration holds <c>delete-data=--namespace</c> and no namespace at all,
/// and destroy would go to the default namespace. Configuration (environment, appsettings, <c>name=value</c>) is
/// read where the command line does not give it.
/// </summary>
public static class ValueSwitch
{
    /// <exception cref="DistributedApplicationException">The switch is last, or followed by another switch, so it has no value.</exception>
    public static string? Read(IConfiguration configuration, IReadOnlyList<string>? args, string name)
    {
        var flag = "--" + name;
        string? given = null;
        for (var i = 0; args is not null && i < args.Count; i++)
        {
            if (args[i].StartsWith(flag + "=", StringComparison.OrdinalIgnoreCase))
            {
                given = args[i][(flag.Length + 1)..];
            }
            else if (string.Equals(args[i], flag, StringComparison.OrdinalIgnoreCase))
            {
                if (i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new DistributedApplicationException($"{flag} needs a value, e.g. {flag} {Example(name)} or {flag}={Example(name)}.");
                }

                given = args[++i];
            }
        }

        return NullIfBlank(given) ?? NullIfBlank(configuration[name]);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string Example(string name) => name switch
    {
        "namespace" => "airflow",
        "kubeconfig" => "~/.kube/config",
        "deploy-timeout" => "5m",
        "keep-snapshots" => "3",
        "compose-project" => "airflow",
        _ => "VALUE",
    };
}
