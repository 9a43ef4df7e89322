namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// Whether Airflow's own migration can take a metadata database from the deployed release to the model's. Airflow's
/// guide "Upgrading to Airflow 3" asks for 2.7 or later before Airflow 3 and recommends the latest 2.x first; and
/// <c>airflow db migrate</c> only goes forward (a downgrade is <c>airflow db downgrade</c> run by the newer release,
/// or a restore of the database from before the upgrade).
/// </summary>
internal static class AirflowUpgradePath
{
    public static readonly AirflowVersion OldestBeforeAirflow3 = new(2, 7, 0);

    public static readonly AirflowVersion LatestAirflow2 = new(2, 11, 0);

    public static AirflowUpgradeVerdict Of(AirflowVersion deployed, AirflowVersion model)
    {
        var change = model.CompareTo(deployed);
        if (change == 0)
        {
            return new(true, false, $"no version change (Airflow {model}).");
        }

        if (change < 0)
        {
            return new(false, true,
                $"not supported: {deployed} to {model} is a downgrade, and `airflow db migrate` only goes forward. " +
                $"Restore the database from before the upgrade to {deployed}, or keep .WithVersion(\"{deployed}\").");
        }

        if (deployed.Major < 3 && model.Major >= 3)
        {
            if (deployed.CompareTo(OldestBeforeAirflow3) < 0)
            {
                return new(false, true,
                    $"not supported: Airflow 3 migrates only from {OldestBeforeAirflow3} or later; deploy {LatestAirflow2} first (.WithVersion(\"{LatestAirflow2}\")), then {model}.");
            }

            return deployed.CompareTo(LatestAirflow2) < 0
                ? new(true, true, $"supported (Airflow 3 migrates from {OldestBeforeAirflow3} or later), though Airflow recommends the latest 2.x, {LatestAirflow2}, first.")
                : new(true, true, $"supported: {LatestAirflow2} or later to Airflow 3 is the path Airflow's upgrade guide describes.");
        }

        return new(true, true, $"supported: `airflow db migrate` takes the database forward from {deployed} to {model}.");
    }
}

/// <param name="Supported">Airflow's migration can make the change.</param>
/// <param name="ChangesVersion">The model runs another release than the one deployed.</param>
internal sealed record AirflowUpgradeVerdict(bool Supported, bool ChangesVersion, string Text);
