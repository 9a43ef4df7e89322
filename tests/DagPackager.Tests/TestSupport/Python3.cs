using AirflowAspire.DagChecks.Tools;

namespace AirflowAspire.DagPackager.Tests.TestSupport;

/// <summary>validate compiles DAG files with the real python3.</summary>
public static class Python3
{
    public static string? Find() => ExecutableLookup.Find("python3", Environment.GetEnvironmentVariable("PATH"));

    public static void Require() => RequiredTool.SkipOrFailIfMissing(Find() is null, "python3 is not installed");
}
