namespace AirflowAspire.TestSupport;

/// <summary>
/// A tool a test needs from the machine. On a developer's laptop its absence skips the test with the
/// reason; in CI (AIRFLOWASPIRE_REQUIRE_ALL_TOOLS=1, set by test.sh) it fails the test.
/// </summary>
internal static class RequiredTool
{
    public static bool AllRequired => Environment.GetEnvironmentVariable("AIRFLOWASPIRE_REQUIRE_ALL_TOOLS") == "1";

    public static void SkipOrFailIfMissing(bool missing, string reason)
    {
        if (missing && AllRequired)
        {
            Assert.Fail($"{reason} (required: AIRFLOWASPIRE_REQUIRE_ALL_TOOLS=1). Run ./test.sh, which installs it.");
        }

        Skip.If(missing, $"{reason}. Run ./test.sh, which installs it, or install it yourself.");
    }
}
