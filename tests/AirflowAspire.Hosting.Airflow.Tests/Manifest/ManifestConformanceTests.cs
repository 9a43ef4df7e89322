using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Airflow.Tests.Manifest.Conformance;

namespace AirflowAspire.Hosting.Airflow.Tests.Manifest;

public class ManifestConformanceTests
{
    [Fact]
    public void A_manifest_using_every_allowed_form_conforms()
    {
        ManifestConformance.Assert(ConformingManifest.Json);
    }

    [Fact]
    public void A_manifest_without_resources_conforms()
    {
        ManifestConformance.Assert("""{ "$schema": "https://json.schemastore.org/aspire-8.0.json", "resources": {} }""");
    }

    [Theory]
    [MemberData(nameof(BrokenManifests.Names), MemberType = typeof(BrokenManifests))]
    public void A_manifest_broken_in_one_way_fails_naming_the_rule_and_the_resource(string brokenIn)
    {
        var broken = BrokenManifests.All[brokenIn];

        var error = Assert.Throws<ManifestConformanceException>(() => ManifestConformance.Assert(broken.ToJson()));

        var subject = broken.Resource is null ? "manifest" : $"resource '{broken.Resource}'";
        var expected = $"[{broken.Rule}] {subject}:";
        Assert.True(
            error.Message.Split(Environment.NewLine).Any(l => l.Contains(expected) && l.Contains(broken.MessageFragment)),
            $"Expected a line with \"{expected}\" and \"{broken.MessageFragment}\" in:{Environment.NewLine}{error.Message}");
    }

    [Fact]
    public void Text_that_is_not_json_fails_the_schema_rule()
    {
        var error = Assert.Throws<ManifestConformanceException>(() => ManifestConformance.Assert("{ \"resources\": "));

        Assert.Contains("[schema] manifest: not valid JSON", error.Message);
    }

    [Fact]
    public void Every_broken_rule_is_reported_at_once()
    {
        var manifest = JsonNode.Parse(ConformingManifest.Json)!.AsObject();
        manifest["resources"]!["db"]!["bindings"]!["tcp"]!["protocol"] = "http";
        manifest["resources"]!["web"]!["env"]!["X"] = "{nosuch.value}";

        var error = Assert.Throws<ManifestConformanceException>(() => ManifestConformance.Assert(manifest.ToJsonString()));

        Assert.Equal(2, error.Violations.Count);
        Assert.Contains("[schema] resource 'db'", error.Message);
        Assert.Contains("[placeholder] resource 'web'", error.Message);
    }
}
