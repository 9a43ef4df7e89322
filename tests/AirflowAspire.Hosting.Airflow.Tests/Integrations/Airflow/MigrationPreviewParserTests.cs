using AirflowAspire.Hosting.Airflow.Upgrade;

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>What the output of <c>airflow db migrate --show-sql-only</c> says, as Airflow and alembic print it.</summary>
public sealed class MigrationPreviewParserTests
{
    private const string Generating = "Generating sql for upgrade -- upgrade commands will *not* be submitted.";

    private static MigrationPreview Parse(string output, int exitCode = 0, string errors = "", string imageVersion = "3.2.2") =>
        MigrationPreviewParser.Parse(output.Split('\n'), errors.Length == 0 ? [] : errors.Split('\n'), exitCode, AirflowVersion.Parse(imageVersion, "airflow"));

    /// <summary>
    /// utils/db.py's ValueError for a revision the image's revision map cannot place: below the offline minimum, or one
    /// the image does not know at all, as a newer release's is to it.
    /// </summary>
    private static string Unplaced(string revision) =>
        $"ValueError: Error while checking history for revision range 937cbd173ca1:{revision}. Check that {revision} is a valid revision. " +
        "For dialect 'postgresql', supported revision for offline migration is from 937cbd173ca1 which corresponds to Airflow 2.7.0.";

    [Fact]
    public void A_database_a_newer_release_migrated_is_newer_naming_that_release()
    {
        // Airflow 3.1.0's head (2f49f2dae90c in _REVISION_HEADS_MAP) under an Airflow 3.0.6 image.
        var newer = Assert.IsType<MigrationPreview.Newer>(Parse(Generating, exitCode: 1, Unplaced("2f49f2dae90c"), imageVersion: "3.0.6"));
        Assert.Equal("2f49f2dae90c", newer.DatabaseRevision);
        Assert.Equal(new AirflowVersion(3, 1, 0), newer.MigratedBy);
    }

    [Theory]
    [InlineData("2f49f2dae90c", "3.2.2")] // a listed head of a release before the image's
    [InlineData("0123456789ab", "3.0.6")] // a revision Airflow's list of heads does not hold: which side it is on is unknown
    public void An_unplaced_revision_not_known_to_be_newer_is_a_pending_migration(string revision, string imageVersion)
    {
        var pending = Assert.IsType<MigrationPreview.Pending>(Parse(Generating, exitCode: 1, Unplaced(revision), imageVersion));
        Assert.Equal(revision, pending.DatabaseRevision);
    }

    [Fact]
    public void Nothing_to_do_with_airflows_happy_cat_is_up_to_date()
    {
        // utils/db.py print_happy_cat without a terminal: the message and the cat, each centred in width 0.
        var output = $"DB: postgresql+psycopg2://postgres:***@postgres:5432/airflow\n{Generating}\nNo migrations to apply; nothing to do.\n/\\_/\\\n(='_' )\n(,(\") (\")\n^^^";
        Assert.IsType<MigrationPreview.UpToDate>(Parse(output));
    }

    [Fact]
    public void Offline_sql_from_a_revision_is_a_pending_upgrade_from_the_first_step_to_the_last()
    {
        var output = $"{Generating}\nBEGIN;\n\n-- Running upgrade 22ed7efa9da2 -> 8684e37832e6\n\nALTER TABLE dag ADD COLUMN x int;\n\n" +
                     "-- Running upgrade 8684e37832e6 -> 29ce7909c52b\n\nUPDATE alembic_version SET version_num='29ce7909c52b' WHERE alembic_version.version_num = '8684e37832e6';\n\nCOMMIT;";
        var pending = Assert.IsType<MigrationPreview.Pending>(Parse(output));
        Assert.Equal("22ed7efa9da2", pending.DatabaseRevision);
        Assert.Equal("29ce7909c52b", pending.ImageRevision);
    }

    [Fact]
    public void The_stand_ins_sql_between_its_version_heads_is_a_pending_upgrade()
    {
        var output = $"{Generating}\nBEGIN;\n\n-- Running upgrade standin-3.0.0 -> standin-3.1.0\n\nINSERT INTO standin_migrations (airflow_version) VALUES ('3.1.0');\n\nCOMMIT;";
        Assert.Equal(new MigrationPreview.Pending("standin-3.0.0", "standin-3.1.0"), Parse(output));
    }

    [Fact]
    public void A_step_from_alembics_base_is_a_fresh_database()
    {
        // alembic's short_log of a step from the base: "upgrade  -> <rev>", no revision before the arrow.
        var output = $"{Generating}\nBEGIN;\n\nCREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL);\n\n-- Running upgrade  -> e959f08ac86c\n\nCOMMIT;";
        Assert.IsType<MigrationPreview.FreshDatabase>(Parse(output));
    }

    [Fact]
    public void Airflow_3s_refusal_to_print_sql_for_a_database_without_a_revision_is_a_fresh_database()
    {
        var errors = "Traceback (most recent call last):\nValueError: Error while checking history for revision range 22ed7efa9da2:None. " +
                     "Check that None is a valid revision. For dialect 'postgresql', supported revision for offline migration is from 22ed7efa9da2 which corresponds to Airflow 3.0.0.";
        Assert.IsType<MigrationPreview.FreshDatabase>(Parse(Generating, exitCode: 1, errors));
    }

    [Fact]
    public void Airflows_refusal_to_print_sql_from_an_older_releases_revision_is_a_pending_migration()
    {
        // An Airflow 2.11 database (revision 5f2621c13b39) under an Airflow 3 image: below the offline minimum.
        var errors = "ValueError: Error while checking history for revision range 22ed7efa9da2:5f2621c13b39. " +
                     "Check that 5f2621c13b39 is a valid revision. For dialect 'postgresql', supported revision for offline migration is from 22ed7efa9da2 which corresponds to Airflow 3.0.0.";
        var pending = Assert.IsType<MigrationPreview.Pending>(Parse(Generating, exitCode: 1, errors));
        Assert.Equal("5f2621c13b39", pending.DatabaseRevision);
    }

    [Fact]
    public void Any_other_failure_is_unknown_and_names_the_exit_code_and_the_last_error()
    {
        var unknown = Assert.IsType<MigrationPreview.Unknown>(Parse(Generating, exitCode: 1, "sqlalchemy.exc.OperationalError: could not connect to server\n"));
        Assert.Equal("the check exited with 1: sqlalchemy.exc.OperationalError: could not connect to server", unknown.Reason);
    }

    [Fact]
    public void Output_without_either_answer_is_unknown()
    {
        var unknown = Assert.IsType<MigrationPreview.Unknown>(Parse($"{Generating}\nsomething else"));
        Assert.Contains("neither", unknown.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_log_ends_at_the_exit_status_line_and_keeps_output_and_errors_apart()
    {
        var log = new MigrationCheckLog();
        Assert.False(log.Add(Generating, isError: false));
        Assert.False(log.Add("a warning", isError: true));
        Assert.False(log.Add($"{MigrationCheckContainer.ExitMarker}0", isError: true));
        Assert.Null(log.ExitCode);
        Assert.True(log.Add($"{MigrationCheckContainer.ExitMarker}3", isError: false));
        Assert.Equal(3, log.ExitCode);
        Assert.Equal([Generating], log.Output);
        Assert.Equal(["a warning", $"{MigrationCheckContainer.ExitMarker}0"], log.Errors);
    }
}
