using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Publishing;

/// <summary>
/// An on/off switch of publish, deploy or destroy, read strictly: <c>--name</c> alone (last, or before another switch) is on;
/// a value must be true/false, yes/no, on/off or 1/0 (any case), and anything else is an error naming the switch,
/// so <c>--delete-data=no</c> never deletes data and <c>--rotate-secrets=no</c> never rotates. The command line is read first, since .NET's command-line
/// configuration drops a bare switch at the end and takes the next switch as the value of one before it.
/// </summary>
public static class BooleanSwitch
{
    private static readonly string[] OnValues = ["true", "yes", "on", "1"];
    private static readonly string[] OffValues = ["false", "no", "off", "0"];

    /// <param name="configurationKey">Where configuration (environment, appsettings, <c>name=value</c> arguments) holds it; the name when null.</param>
    public static bool Read(IConfiguration configuration, IReadOnlyList<string>? args, string name, string? configurationKey = null)
    {
        if (FromArguments(args, name) is { } given)
        {
            return given;
        }

        return configuration[configurationKey ?? name] is { } value && Parse(name, value);
    }

    public static bool Parse(string name, string value)
    {
        var trimmed = value.Trim();
        if (OnValues.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (OffValues.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        throw new DistributedApplicationException(
            $"--{name} '{value}' is neither on nor off; give --{name} alone or with true/false, yes/no, on/off or 1/0.");
    }

    private static bool? FromArguments(IReadOnlyList<string>? args, string name)
    {
        var flag = "--" + name;
        for (var i = 0; args is not null && i < args.Count; i++)
        {
            if (args[i].StartsWith(flag + "=", StringComparison.OrdinalIgnoreCase))
            {
                return Parse(name, args[i][(flag.Length + 1)..]);
            }

            if (string.Equals(args[i], flag, StringComparison.OrdinalIgnoreCase))
            {
                return i + 1 == args.Count || IsAnotherSetting(args[i + 1]) || Parse(name, args[i + 1]);
            }
        }

        return null;
    }

    /// <summary>
    /// Another switch, or a <c>key=value</c> setting (.NET's command-line configuration reads those too, and Aspire's
    /// testing builder passes its own so): not this switch's value, so the switch before it stands alone.
    /// </summary>
    private static bool IsAnotherSetting(string argument) => argument.StartsWith('-') || argument.Contains('=');
}
