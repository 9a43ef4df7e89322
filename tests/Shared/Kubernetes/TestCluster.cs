using k8s;

namespace AirflowAspire.TestSupport.Kubernetes;

/// <summary>
/// The real Kubernetes cluster the cluster tests use: the one ./test.sh builds and starts (eng/test-cluster),
/// or any cluster whose kubeconfig AIRFLOWASPIRE_TEST_KUBECONFIG names. Without one that answers, a test
/// skips with the reason (fails under AIRFLOWASPIRE_REQUIRE_ALL_TOOLS=1, as in CI).
/// </summary>
internal sealed class TestCluster : IDisposable
{
    public const string KubeconfigVariable = "AIRFLOWASPIRE_TEST_KUBECONFIG";

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    private TestCluster(string kubeconfig, KubernetesClientConfiguration configuration)
    {
        Kubeconfig = kubeconfig;
        Configuration = configuration;
        Client = new k8s.Kubernetes(configuration);
    }

    /// <summary>The kubeconfig file, for tools run by a test (kubectl, an AppHost's deploy step).</summary>
    public string Kubeconfig { get; }

    public KubernetesClientConfiguration Configuration { get; }

    public k8s.Kubernetes Client { get; }

    /// <summary>The cluster, once its API server answered; otherwise skips or fails the test with the reason.</summary>
    public static async Task<TestCluster> RequireAsync()
    {
        var kubeconfig = Environment.GetEnvironmentVariable(KubeconfigVariable);
        RequiredTool.SkipOrFailIfMissing(string.IsNullOrWhiteSpace(kubeconfig),
            $"No Kubernetes test cluster: {KubeconfigVariable} is not set; ./test.sh builds and starts one as root " +
            "on Debian (eng/test-cluster), and sets it");
        RequiredTool.SkipOrFailIfMissing(!File.Exists(kubeconfig),
            $"No Kubernetes test cluster: {KubeconfigVariable} names {kubeconfig}, which does not exist (or cannot be read)");

        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        var cluster = new TestCluster(kubeconfig!, configuration);
        var problem = await cluster.WhyNotAnsweringAsync();
        if (problem is not null)
        {
            cluster.Dispose();
        }

        RequiredTool.SkipOrFailIfMissing(problem is not null,
            $"The Kubernetes test cluster at {configuration.Host} ({kubeconfig}) does not answer within " +
            $"{AnswerTimeout.TotalSeconds:0} s: {problem}; start it with eng/test-cluster/up.sh");
        return cluster;
    }

    public void Dispose() => Client.Dispose();

    private async Task<string?> WhyNotAnsweringAsync()
    {
        using var timeout = new CancellationTokenSource(AnswerTimeout);
        var problem = "no answer";
        while (true)
        {
            try
            {
                await Client.Version.GetCodeAsync(timeout.Token);
                return null;
            }
            catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or TaskCanceledException)
            {
                problem = e is TaskCanceledException ? problem : e.Message;
            }

            if (timeout.IsCancellationRequested)
            {
                return problem;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
            }
            catch (TaskCanceledException)
            {
                return problem;
            }
        }
    }
}
