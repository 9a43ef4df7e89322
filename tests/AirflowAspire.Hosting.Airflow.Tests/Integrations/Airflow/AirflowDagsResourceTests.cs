using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>WithDags's folder as the <c>{name}-dags</c> resource: in a local run only, nested under Airflow, with a health check.</summary>
public class AirflowDagsResourceTests
{
    [Fact]
    public void A_local_run_shows_the_dag_folder_as_a_resource_nested_under_airflow_with_a_health_check()
    {
        using var test = TestApp.Create();
        var folder = test.CreateFolder("dags");
        test.AddAirflowWithDatabase().WithDags("dags");
        var app = test.Builder.Build();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();

        var dags = Assert.Single(model.Resources.OfType<AirflowDagsResource>());
        Assert.Equal("airflow-dags", dags.Name);
        Assert.Equal(folder, dags.Folder);
        Assert.Same(model.Resources.OfType<AirflowResource>().Single(), dags.Parent);
        var healthCheck = Assert.Single(dags.Annotations.OfType<HealthCheckAnnotation>());
        Assert.Contains(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations,
            r => r.Name == healthCheck.Key);
        Assert.Contains(dags.Annotations.OfType<ManifestPublishingCallbackAnnotation>(), a => a.Callback is null);
        var snapshot = dags.Annotations.OfType<ResourceSnapshotAnnotation>().Single().InitialSnapshot;
        Assert.Equal("DagFolder", snapshot.ResourceType);
        Assert.Contains(snapshot.Properties, p => p.Name == "dags.folder" && Equals(p.Value, folder));
    }

    [Fact]
    public void A_second_WithDags_moves_the_one_dags_resource_to_the_new_folder()
    {
        using var test = TestApp.Create();
        test.CreateFolder("dags");
        var other = test.CreateFolder("other-dags");
        test.AddAirflowWithDatabase().WithDags("dags").WithDags("other-dags");

        var dags = Assert.Single(test.BuildModel().Resources.OfType<AirflowDagsResource>());
        Assert.Equal(other, dags.Folder);
    }

    [Fact]
    public async Task A_published_manifest_has_no_dags_resource()
    {
        var manifest = await TestApp.PublishManifestAsync(builder =>
        {
            Directory.CreateDirectory(Path.Combine(builder.AppHostDirectory, "dags"));
            var db = builder.AddPostgres("postgres").AddDatabase("airflow-db", "airflow");
            builder.AddAirflow("airflow").WithDatabase(db).WithDags("dags");
            Assert.DoesNotContain(builder.Resources, r => r is AirflowDagsResource);
        });

        Assert.Contains("\"airflow-scheduler\"", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("airflow-dags", manifest, StringComparison.Ordinal);
    }
}
