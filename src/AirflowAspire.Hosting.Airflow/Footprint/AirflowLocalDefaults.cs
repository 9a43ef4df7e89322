using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AirflowAspire.Hosting.Airflow.Footprint;

/// <summary>
/// Settings that make a local run fit a laptop, in local runs only (published outputs keep Airflow's defaults), each
/// one only where the model does not set the option itself (<c>WithConfig</c> wins).
/// A Celery worker starts <c>[celery] worker_concurrency</c> prefork processes, 16 by default, each a whole Python
/// interpreter with Airflow loaded (about 2 GiB per worker measured with Airflow 3.2); locally it gets as many as the
/// container runtime has CPUs, between 2 and 4.
/// </summary>
internal static class AirflowLocalDefaults
{
    public const int MinimumWorkerConcurrency = 2;

    public const int MaximumWorkerConcurrency = 4;

    /// <summary>Every worker, from its creation (AddAirflow's customisation of the worker role).</summary>
    public static void Add(IResourceBuilder<AirflowComponentResource> worker)
    {
        if (!worker.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return;
        }

        worker.ApplicationBuilder.Services.TryAddSingleton<IContainerRuntimeCpus, ContainerRuntimeCpus>();
        worker.WithEnvironment(async context =>
        {
            var airflow = worker.Resource.Parent;
            if (!context.ExecutionContext.IsRunMode || airflow.Executor != AirflowExecutor.Celery || IsSetByModel(airflow, "celery", "worker_concurrency"))
            {
                return;
            }

            var cpus = await context.ExecutionContext.Services.GetRequiredService<IContainerRuntimeCpus>()
                .CountAsync(context.CancellationToken).ConfigureAwait(false);
            AirflowConfigCatalog.ThrowIfUnknown("celery", "worker_concurrency", airflow.Version, airflow.Name);
            context.EnvironmentVariables["AIRFLOW__CELERY__WORKER_CONCURRENCY"] =
                WorkerConcurrency(cpus).ToString(CultureInfo.InvariantCulture);
        });
    }

    public static int WorkerConcurrency(int cpus) => Math.Clamp(cpus, MinimumWorkerConcurrency, MaximumWorkerConcurrency);

    private static bool IsSetByModel(AirflowResource airflow, string section, string option) =>
        airflow.ConfigOverrides.Any(o =>
            string.Equals(o.Section, section, StringComparison.OrdinalIgnoreCase) && string.Equals(o.Option, option, StringComparison.OrdinalIgnoreCase));
}
