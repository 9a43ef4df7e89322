using System.Reflection;
using System.Runtime.CompilerServices;

namespace AirflowAspire.TestSupport;

/// <summary>
/// Aspire keeps every publish's parameter values under <c>$ASPIRE_HOME</c> (<c>~/.aspire</c> by default), one folder per
/// AppHost path, and tests publish from fresh folders. Pointed at a temp folder of the test assembly's own, emptied
/// when the assembly loads (the test host is killed, not closed, so it cannot clean up after itself), they leave
/// nothing in the user's home. AppHost processes the tests start inherit it.
/// </summary>
internal static class AspireHomeForTests
{
    [ModuleInitializer]
    internal static void UseTemporaryAspireHome()
    {
        var name = Assembly.GetExecutingAssembly().GetName().Name;
        var home = Path.Combine(Path.GetTempPath(), "airflowaspire-tests-aspire-home", name!);
        try
        {
            if (Directory.Exists(home))
            {
                Directory.Delete(home, recursive: true);
            }
        }
        catch (IOException)
        {
            // Another run of the same tests still uses it; sharing it is harmless.
        }

        Directory.CreateDirectory(home);
        Environment.SetEnvironmentVariable("ASPIRE_HOME", home);
    }
}
