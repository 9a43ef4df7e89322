using AirflowAspire.Hosting.Publishing;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// What deploy and destroy read besides the publish switches, from configuration or the command line:
/// <c>--kubeconfig PATH</c> (instead of <c>KUBECONFIG</c>), <c>--kube-context NAME</c>, <c>--deploy-timeout 300</c> (seconds, or 90s, 5m, 1h) and, for destroy,
/// <c>--delete-data</c> and <c>--yes</c> (Aspire's own switch, <c>Pipeline:SkipConfirmation</c>, which <c>aspire destroy --yes</c>
/// passes on), for deploy <c>--adopt</c>, <c>--no-snapshot</c>, <c>--keep-snapshots N</c> (default 3) and <c>--no-rollback</c>. The model's <c>WithKubeContext</c>/<c>WithDeployTimeout</c> apply when these are not given.
/// </summary>
/// <param name="Adopt">Take over objects of the model's names that this deployment did not make, and fields another manager set.</param>
/// <param name="Yes">Delete data without asking.</param>
/// <param name="NoSnapshot">Change Airflow's version without a snapshot of its database first, accepting that the migration cannot be undone.</param>
/// <param name="KeepSnapshots">How many snapshots of each Airflow's database to keep; older ones are deleted when a new one is taken.</param>
/// <param name="NoRollback">Leave a release change that did not become ready as it is, instead of rolling it back to the snapshot taken before it.</param>
internal sealed record DeploySwitches(
    string? KubeContext, TimeSpan Timeout, bool DeleteData, string? Kubeconfig = null, bool Adopt = false, bool Yes = false,
    bool NoSnapshot = false, int KeepSnapshots = DeploySwitches.DefaultKeepSnapshots, bool NoRollback = false)
{
    public const int DefaultKeepSnapshots = 3;

    public const string SkipConfirmationKey = "Pipeline:SkipConfirmation";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    public static DeploySwitches Read(IConfiguration configuration, IReadOnlyList<string>? args, KustomizeEnvironmentResource environment)
    {
        var context = ValueSwitch.Read(configuration, args, "kube-context") ?? environment.KubeContext;
        var timeout = ValueSwitch.Read(configuration, args, "deploy-timeout") is { } text ? ParseTimeout(text) : environment.DeployTimeout ?? DefaultTimeout;
        var kubeconfig = ValueSwitch.Read(configuration, args, "kubeconfig");
        return new DeploySwitches(
            context,
            timeout,
            BooleanSwitch.Read(configuration, args, "delete-data"),
            kubeconfig,
            BooleanSwitch.Read(configuration, args, "adopt"),
            BooleanSwitch.Read(configuration, args, "yes", SkipConfirmationKey),
            BooleanSwitch.Read(configuration, args, "no-snapshot"),
            ValueSwitch.Read(configuration, args, "keep-snapshots") is { } keep ? ParseKeep(keep) : DefaultKeepSnapshots,
            BooleanSwitch.Read(configuration, args, "no-rollback"));
    }

    private static int ParseKeep(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is > 0 and <= 100
            ? count
            : throw new DistributedApplicationException($"--keep-snapshots '{text}' is not a count from 1 to 100; e.g. --keep-snapshots 3.");

    private static TimeSpan ParseTimeout(string text)
    {
        var trimmed = text.Trim();
        var unit = trimmed[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        var number = unit == 0 ? trimmed : trimmed[..^1];
        if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            return TimeSpan.FromSeconds(count * (unit == 0 ? 1 : unit));
        }

        throw new DistributedApplicationException(
            $"--deploy-timeout '{text}' is not a duration; give whole seconds (300) or a number with s, m or h (90s, 5m, 1h).");
    }
}
