namespace AirflowAspire.Hosting.Airflow.Upgrade;

/// <summary>The states <c>{name}-init</c> shows while it waits for the go-ahead, and the properties that say why.</summary>
internal static class AirflowUpgradeStates
{
    public const string UpgradePending = "Upgrade pending";
    public const string CheckFailed = "Migration check failed";

    /// <summary>A newer Airflow migrated the database: the init stays held, with no go-ahead to give.</summary>
    public const string DatabaseNewer = "Database is newer";

    /// <summary>Property names of the dashboard's details; all start with <see cref="PropertyPrefix"/>.</summary>
    public const string PropertyPrefix = "airflowaspire.upgrade";
    public const string WhatProperty = PropertyPrefix;
    public const string DatabaseRevisionProperty = PropertyPrefix + ".database-revision";
    public const string ImageProperty = PropertyPrefix + ".image";
    public const string ImageRevisionProperty = PropertyPrefix + ".image-revision";
    public const string NextProperty = PropertyPrefix + ".next";

    /// <summary>States of an init that has not started yet and may be given the go-ahead.</summary>
    public static bool IsHeld(string? state) => state == KnownResourceStates.NotStarted || state == DatabaseNewer || AsksForGoAhead(state);

    public static bool AsksForGoAhead(string? state) => state is UpgradePending or CheckFailed;
}
