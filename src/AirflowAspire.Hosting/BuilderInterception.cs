using System.Reflection;

namespace AirflowAspire.Hosting;

/// <summary>
/// Lets the testing builder run an AppHost's entry point and take its builder at <c>Build()</c>, before
/// anything runs. Outside tests no hook is set and Build() proceeds.
/// </summary>
internal static class BuilderInterception
{
    private static readonly AsyncLocal<Action<DistributedApplicationBuilder>?> Hook = new();
    private static readonly AsyncLocal<Assembly?> InterceptedAppHost = new();

    /// <summary>The AppHost whose entry point the testing builder runs; the process's entry assembly is the test host.</summary>
    public static Assembly? AppHostAssembly => InterceptedAppHost.Value;

    public static IDisposable Intercept(Assembly appHost, Action<DistributedApplicationBuilder> onBuild)
    {
        InterceptedAppHost.Value = appHost;
        Hook.Value = onBuild;
        return new Reset();
    }

    public static void OnBuild(DistributedApplicationBuilder builder)
    {
        if (Hook.Value is not { } hook)
        {
            return;
        }

        Hook.Value = null;
        hook(builder);
        throw new BuilderCapturedException();
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose()
        {
            Hook.Value = null;
            InterceptedAppHost.Value = null;
        }
    }
}

/// <summary>Unwinds the AppHost's entry point once the testing builder has its builder.</summary>
internal sealed class BuilderCapturedException() : Exception("The testing builder captured the application builder.");
