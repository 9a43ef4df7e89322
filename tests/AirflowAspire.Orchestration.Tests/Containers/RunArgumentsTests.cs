using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting.Orchestration.Containers;

namespace AirflowAspire.Orchestration.Tests.Containers;

public sealed class RunArgumentsTests
{
    private static readonly RunIdentity Run = new("shop", "s1");

    private static readonly WorkloadSpec Worker = new()
    {
        ResourceName = "airflow-worker",
        InstanceName = "airflow-worker-1",
        HostName = "airflow-worker-1",
        Image = new ContainerImageAnnotation("apache/airflow", "3.2.2", "docker.io"),
        Entrypoint = "/usr/bin/dumb-init",
        Args = ["--", "airflow", "celery", "worker"],
        Environment = new Dictionary<string, string> { ["AIRFLOW__CORE__FERNET_KEY"] = "never-in-arguments" },
        Ports = [new PortBinding("logs", 8793, 40123)],
        Mounts =
        [
            new ContainerMountAnnotation("shop-airflow-worker-data", "/data", ContainerMountType.Volume),
            new ContainerMountAnnotation("/home/me/dags, old", "/opt/airflow/dags", ContainerMountType.BindMount, IsReadOnly: true),
        ],
    };

    private static readonly IReadOnlyList<string> Arguments = RunArguments.Build(Run, Worker, Worker.Image!.Reference, "/tmp/x.env");

    [Fact]
    public void The_container_is_named_and_labelled_after_the_app_session_resource_and_replica()
    {
        Assert.Equal("shop-airflow-worker-1", After("--name"));
        Assert.Equal(
            ["airflowaspire.app=shop", "airflowaspire.session=s1", "airflowaspire.resource=airflow-worker", "airflowaspire.instance=airflow-worker-1"],
            All("--label"));
    }

    [Fact]
    public void It_joins_the_app_network_under_its_host_name_and_its_resource_name()
    {
        Assert.Equal("shop", After("--network"));
        Assert.Equal("airflow-worker-1", After("--hostname"));
        Assert.Equal(["airflow-worker-1", "airflow-worker"], All("--network-alias"));
    }

    [Fact]
    public void Ports_are_published_on_127_0_0_1_only()
    {
        Assert.Equal(["127.0.0.1:40123:8793"], All("--publish"));
    }

    [Fact]
    public void Volumes_and_bind_mounts_are_passed_so_a_comma_in_a_path_survives()
    {
        Assert.Equal(["shop-airflow-worker-data:/data"], All("--volume"));
        Assert.Equal(["type=bind,\"source=/home/me/dags, old\",target=/opt/airflow/dags,readonly"], All("--mount"));
    }

    [Fact]
    public void The_environment_goes_through_the_env_file_and_never_into_the_arguments()
    {
        Assert.Equal("/tmp/x.env", After("--env-file"));
        Assert.DoesNotContain(Arguments, a => a.Contains("never-in-arguments"));
    }

    [Fact]
    public void The_entrypoint_comes_before_the_image_and_the_args_after_it()
    {
        var image = Arguments.ToList().IndexOf("docker.io/apache/airflow:3.2.2");
        Assert.True(Arguments.ToList().IndexOf("--entrypoint") < image);
        Assert.Equal(["--", "airflow", "celery", "worker"], Arguments.Skip(image + 1));
    }

    private static string After(string option) => Arguments[Arguments.ToList().IndexOf(option) + 1];

    private static IEnumerable<string> All(string option) =>
        Arguments.Select((argument, index) => (argument, index)).Where(a => a.argument == option).Select(a => Arguments[a.index + 1]);
}
