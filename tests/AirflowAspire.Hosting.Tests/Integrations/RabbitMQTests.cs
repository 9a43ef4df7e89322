using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.RabbitMQ;

namespace AirflowAspire.Hosting.Tests.Integrations;

public class RabbitMQTests
{
    [Fact]
    public void Runs_the_pinned_official_image_with_a_generated_password_and_a_data_volume()
    {
        using var test = TestApp.Create();
        var rabbit = test.Builder.AddRabbitMQ("broker").Resource;
        test.Builder.Build();

        Assert.Equal("docker.io/library/rabbitmq:4.1.4", rabbit.Image.Reference);
        var env = TestApp.LocalEnvironment(rabbit);
        Assert.Equal("guest", env["RABBITMQ_DEFAULT_USER"]);
        Assert.Equal("value-of-broker-password", env["RABBITMQ_DEFAULT_PASS"]);
        Assert.Equal("/var/lib/rabbitmq", Assert.Single(rabbit.GetMounts()).Target);
        var check = Assert.IsType<CommandHealthCheckAnnotation>(Assert.Single(rabbit.GetHealthChecks()));
        Assert.Equal(["rabbitmq-diagnostics", "-q", "ping"], check.Command);
    }

    [Fact]
    public void Management_plugin_is_optional_and_uses_the_management_image_on_an_http_endpoint()
    {
        using var test = TestApp.Create();
        var plain = test.Builder.AddRabbitMQ("plain").Resource;
        var managed = test.Builder.AddRabbitMQ("managed").WithManagementPlugin().Resource;

        Assert.False(plain.HasManagementPlugin());
        Assert.Equal(["tcp"], plain.GetEndpoints().Select(e => e.Name));
        Assert.True(managed.HasManagementPlugin());
        Assert.Equal("4.1.4-management", managed.Image.Tag);
        var http = managed.GetEndpoints().Single(e => e.Name == "http");
        Assert.Equal((15672, "http"), (http.TargetPort, http.Scheme));
    }

    [Fact]
    public void Connection_string_is_an_amqp_uri()
    {
        using var test = TestApp.Create();
        var rabbit = test.Builder.AddRabbitMQ("broker").Resource;

        Assert.Equal("amqp://guest:value-of-broker-password@broker:5672",
            rabbit.ConnectionStringExpression.ToLocalValue(TestApp.LocalContext(LocalConsumer.ContainerNetwork)));
    }
}
