using System.Globalization;
using System.Text.RegularExpressions;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>An Airflow release, read from an image tag such as <c>3.2.2</c> or <c>2.11.0-python3.12</c>.</summary>
public sealed partial record AirflowVersion(int Major, int Minor, int Patch) : IComparable<AirflowVersion>
{
    public static readonly AirflowVersion OldestSupported = new(2, 10, 0);

    public bool IsAirflow3 => Major >= 3;

    public static AirflowVersion Parse(string tag, string resourceName)
    {
        var match = VersionPrefix().Match(tag);
        if (!match.Success)
        {
            throw new DistributedApplicationException(
                $"Airflow '{resourceName}': '{tag}' is not an Airflow version; write it as MAJOR.MINOR.PATCH, e.g. \"3.2.2\" or \"2.11.0\".");
        }

        var version = new AirflowVersion(Number(match, 1), Number(match, 2), Number(match, 3));
        if (version.CompareTo(OldestSupported) < 0 || version.Major > 3)
        {
            throw new DistributedApplicationException(
                $"Airflow '{resourceName}': version {version} is not supported; use Airflow 3.x or 2.x from {OldestSupported} on.");
        }

        return version;
    }

    public int CompareTo(AirflowVersion? other) =>
        other is null ? 1 : (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    public override string ToString() => $"{Major}.{Minor}.{Patch}";

    private static int Number(Match match, int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d+)\.(\d+)\.(\d+)(?:[-.+].*)?$")]
    private static partial Regex VersionPrefix();
}
