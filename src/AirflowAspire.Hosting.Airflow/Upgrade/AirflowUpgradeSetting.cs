using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Airflow.Upgrade;

/// <summary>What a local run does when the database needs migrating to a newer Airflow.</summary>
internal enum AirflowUpgradeMode
{
    /// <summary>Wait for the dashboard's "Migrate now" (the default).</summary>
    Ask,

    /// <summary>Migrate without asking: for tests, CI and scripts, where nobody clicks.</summary>
    Migrate,
}

/// <summary>The setting <c>AirflowAspire:Upgrade</c> (<c>ask</c> or <c>migrate</c>).</summary>
internal static class AirflowUpgradeSetting
{
    public const string Key = "AirflowAspire:Upgrade";

    public const string HowToSkipAsking =
        $"To migrate without asking (tests, CI, scripts), set {Key}=migrate (the environment variable AirflowAspire__Upgrade=migrate).";

    /// <exception cref="DistributedApplicationException">The setting has another value; the message names it and the values it takes.</exception>
    public static AirflowUpgradeMode Read(IConfiguration configuration)
    {
        var value = configuration[Key]?.Trim();
        if (string.IsNullOrEmpty(value) || value.Equals("ask", StringComparison.OrdinalIgnoreCase))
        {
            return AirflowUpgradeMode.Ask;
        }

        return value.Equals("migrate", StringComparison.OrdinalIgnoreCase)
            ? AirflowUpgradeMode.Migrate
            : throw new DistributedApplicationException(
                $"The setting {Key} is '{value}'; set it to 'migrate' (migrate a database an older Airflow used without asking) " +
                "or 'ask' (wait for the dashboard's \"Migrate now\", the default), or remove it.");
    }
}
