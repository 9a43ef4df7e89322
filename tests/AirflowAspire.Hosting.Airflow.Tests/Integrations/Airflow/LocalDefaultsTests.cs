using AirflowAspire.Hosting.Airflow.Footprint;

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>A local run's lighter defaults: Celery workers sized to the container runtime's CPUs; a WithConfig wins; published output keeps Airflow's.</summary>
public class LocalDefaultsTests
{
    private const string Concurrency = "AIRFLOW__CELERY__WORKER_CONCURRENCY";

    [Theory]
    [InlineData(1, "2")]
    [InlineData(2, "2")]
    [InlineData(3, "3")]
    [InlineData(4, "4")]
    [InlineData(16, "4")]
    public async Task Each_local_worker_runs_as_many_processes_as_the_runtime_has_cpus_between_2_and_4(int cpus, string expected)
    {
        using var test = TestApp.Create();
        test.Builder.Services.AddSingleton<IContainerRuntimeCpus>(new FixedCpus(cpus));
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery().WithWorkers(2);

        var env = await RunEnvironmentsAsync(test, airflow);

        Assert.Equal(expected, env["airflow-worker"][Concurrency]);
        Assert.Equal(expected, env["airflow-worker-2"][Concurrency]);
        Assert.All(env.Where(e => !e.Key.StartsWith("airflow-worker", StringComparison.Ordinal)), e => Assert.False(e.Value.ContainsKey(Concurrency), e.Key));
    }

    [Fact]
    public async Task A_WithConfig_of_worker_concurrency_wins()
    {
        using var test = TestApp.Create();
        test.Builder.Services.AddSingleton<IContainerRuntimeCpus>(new FixedCpus(2));
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery().WithConfig("celery", "worker_concurrency", "12");

        var env = await RunEnvironmentsAsync(test, airflow);

        Assert.Equal("12", env["airflow-worker"][Concurrency]);
    }

    [Fact]
    public void Published_output_keeps_airflows_default()
    {
        using var test = TestApp.Create(["--operation", "publish"]);
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery();
        test.BuildModel();

        Assert.DoesNotContain(Concurrency, ModelInspection.Environment(airflow.Resource.Components[AirflowRole.Worker]).Keys);
    }

    [Fact]
    public async Task The_hosts_cpu_count_stands_in_when_no_container_runtime_answers()
    {
        using var test = TestApp.Create();
        test.Builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] = "/nonexistent/container-runtime";
        var cpus = new ContainerRuntimeCpus(test.Builder.Configuration);

        Assert.Equal(Environment.ProcessorCount, await cpus.CountAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Each component's environment in a local run, its callbacks run as the orchestrator runs them (values that need no started resource).</summary>
    private static async Task<Dictionary<string, Dictionary<string, string>>> RunEnvironmentsAsync(TestApp test, IResourceBuilder<AirflowResource> airflow)
    {
        var app = test.Builder.Build();
        var executionContext = new DistributedApplicationExecutionContext(
            new DistributedApplicationExecutionContextOptions(DistributedApplicationOperation.Run) { Services = app.Services });
        var result = new Dictionary<string, Dictionary<string, string>>();
        foreach (var component in airflow.Resource.Components.Values.Concat(airflow.Resource.AdditionalLocalWorkers))
        {
            var variables = new Dictionary<string, object>();
            var context = new EnvironmentCallbackContext(executionContext, component, variables, CancellationToken.None);
            foreach (var callback in component.Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                await callback.Callback(context).WaitAsync(TimeSpan.FromSeconds(30));
            }

            result[component.Name] = [];
            foreach (var (name, value) in variables)
            {
                if (value is string text)
                {
                    result[component.Name][name] = text;
                }
                else if (value is ReferenceExpression { ValueProviders.Count: 0 } constant)
                {
                    result[component.Name][name] = (await constant.GetValueAsync(CancellationToken.None))!;
                }
            }
        }

        return result;
    }

    private sealed class FixedCpus(int count) : IContainerRuntimeCpus
    {
        public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(count);
    }
}
