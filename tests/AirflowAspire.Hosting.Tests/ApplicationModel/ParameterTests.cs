using System.Text.Json.Nodes;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Publishing.Manifest;

namespace AirflowAspire.Hosting.Tests.ApplicationModel;

public class ParameterTests
{
    [Fact]
    public void A_plain_setting_is_read_from_configuration_and_written_as_text_not_as_a_manifest_parameter()
    {
        using var test = TestApp.Create("--Parameters:region=eu-{west}");
        var region = test.Builder.AddParameter("region", secret: false);
        test.Builder.AddContainer("app", "example/app:1").WithEnvironment("REGION", region);
        var model = test.Builder.Build().Model;

        var manifest = JsonNode.Parse(ManifestRenderer.Render(model, test.Directory))!["resources"]!;
        Assert.Null(manifest["region"]);
        Assert.Equal("eu-{{west}}", manifest["app"]!["env"]!["REGION"]!.GetValue<string>());
        Assert.Equal("eu-{west}", TestApp.LocalEnvironment(model["app"])["REGION"]);
        Assert.False(region.Resource.IsSecret);
    }

    [Fact]
    public void A_plain_setting_falls_back_to_its_default_and_without_one_names_where_to_set_it()
    {
        using var test = TestApp.Create();

        Assert.Equal("8", ReferenceExpression.Of(test.Builder.AddParameter("parallelism", secret: false, defaultValue: "8").Resource)
            .ToLocalValue(TestApp.LocalContext(LocalConsumer.Host)));
        var error = Assert.Throws<DistributedApplicationException>(() => test.Builder.AddParameter("region", secret: false));
        Assert.Contains("Parameters:region", error.Message);
        Assert.Contains("Parameters__region", error.Message);
    }

    [Fact]
    public void A_secret_parameter_is_a_manifest_parameter_the_user_supplies_and_cannot_have_a_default_in_code()
    {
        using var test = TestApp.Create();
        var token = test.Builder.AddParameter("api-token");
        test.Builder.AddContainer("app", "example/app:1").WithEnvironment("TOKEN", token);
        var model = test.Builder.Build().Model;

        var manifest = JsonNode.Parse(ManifestRenderer.Render(model, test.Directory))!["resources"]!;
        Assert.Equal("parameter.v0", manifest["api-token"]!["type"]!.GetValue<string>());
        Assert.Null(manifest["api-token"]!["inputs"]!["value"]!["default"]);
        Assert.Equal("{api-token.value}", manifest["app"]!["env"]!["TOKEN"]!.GetValue<string>());

        using var other = TestApp.Create();
        var error = Assert.Throws<DistributedApplicationException>(() => other.Builder.AddParameter("api-token", defaultValue: "hunter2"));
        Assert.Contains("AddGeneratedSecret", error.Message);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(257)]
    public void A_generated_secret_needs_a_sensible_length(int minLength)
    {
        using var test = TestApp.Create();

        var error = Assert.Throws<DistributedApplicationException>(() => test.Builder.AddGeneratedSecret("key", minLength));
        Assert.Contains($"{minLength}", error.Message);
    }
}
