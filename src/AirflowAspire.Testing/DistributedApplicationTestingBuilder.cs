using System.Reflection;
using System.Runtime.ExceptionServices;
using AirflowAspire.Hosting;

namespace AirflowAspire.Testing;

/// <summary>
/// Builds an AppHost's model without running it, so tests can inspect resources, environment, endpoints
/// and rendered manifests. The AppHost's entry point runs until it calls <c>Build()</c>; the builder it
/// made is handed to the test, which may change it further and then build it.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>
    /// Runs the entry point of <typeparamref name="TEntryPoint"/>'s assembly (usually the AppHost's
    /// <c>Program</c>) with <paramref name="args"/> and returns its builder, not yet built.
    /// </summary>
    public static Task<IDistributedApplicationBuilder> CreateAsync<TEntryPoint>(params string[] args) where TEntryPoint : class =>
        CreateAsync(typeof(TEntryPoint).Assembly, args);

    /// <summary>
    /// Runs the entry point of the AppHost assembly <paramref name="appHost"/> with <paramref name="args"/> and
    /// returns its builder, not yet built. For AppHosts without a public type to name, e.g.
    /// <c>Assembly.Load("AirflowAspire.Examples.CeleryRedis")</c>.
    /// </summary>
    public static Task<IDistributedApplicationBuilder> CreateAsync(Assembly appHost, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(appHost);
        return Task.Run(() => Capture(appHost, args));
    }

    private static IDistributedApplicationBuilder Capture(Assembly appHost, string[] args)
    {
        var entryPoint = appHost.EntryPoint
            ?? throw new InvalidOperationException($"{appHost.GetName().Name} has no entry point; pass a type from an AppHost project.");

        DistributedApplicationBuilder? captured = null;
        using (BuilderInterception.Intercept(appHost, builder => captured = builder))
        {
            try
            {
                entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [args]);
            }
            catch (TargetInvocationException e) when (e.InnerException is BuilderCapturedException)
            {
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }

        return captured ?? throw new InvalidOperationException(
            $"{appHost.GetName().Name}'s entry point returned without calling Build() on a DistributedApplication builder.");
    }
}
