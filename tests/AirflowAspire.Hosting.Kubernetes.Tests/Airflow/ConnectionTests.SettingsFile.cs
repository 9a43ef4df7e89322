using k8s.Models;
using static AirflowAspire.Hosting.Kubernetes.Tests.Airflow.AirflowObjects;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>WithSettingsFile in the kustomize tree: the file's password and secret extra fields are the Secret's keys, as a parameter's are.</summary>
public sealed partial class ConnectionTests
{
    [SkippableFact]
    public async Task ASettingsFilesSecretsAreInTheSecretOnlyAndExpandToWhatAirflowReadsBack()
    {
        using var test = TestApp.CreateForPublish();
        File.WriteAllText(Path.Combine(test.Directory, "airflow_settings.yaml"), $$"""
            airflow:
              connections:
                - conn_id: partner_api
                  conn_type: http
                  conn_host: api.example.com
                  conn_port: 443
                  conn_password: '{{ReservedPassword}}'
                  conn_extra:
                    verify: false
                    api_key: '{{ReservedPassword}}'
              variables:
                - variable_name: env
                  variable_value: dev
            """);
        test.AddAirflowWithDatabase(postgresVolume: true).WithSettingsFile("airflow_settings.yaml");
        using var cluster = await test.PublishAsync();

        var scheduler = Scheduler(cluster);
        var connection = AirflowConnectionReader.Read(Expand(scheduler, cluster)["AIRFLOW_CONN_PARTNER_API"]);

        Assert.Equal(ReservedPassword, connection.Text("password"));
        Assert.Equal("443", connection.Text("port"));
        var extra = System.Text.Json.JsonDocument.Parse(connection.Text("extra")!).RootElement;
        Assert.False(extra.GetProperty("verify").GetBoolean());
        Assert.Equal(ReservedPassword, extra.GetProperty("api_key").GetString());
        Assert.Equal(ReservedPassword, cluster.SecretValues["airflow-partner-api-password"]);
        Assert.Equal(ReservedPassword, cluster.SecretValues["airflow-partner-api-api-key"]);
        Assert.Equal("dev", Env(scheduler, "AIRFLOW_VAR_ENV")!.Value);
        Assert.DoesNotContain(cluster.All<V1ConfigMap>().SelectMany(c => c.Data?.Values ?? []), v => v.Contains(ReservedPassword, StringComparison.Ordinal));
        Assert.DoesNotContain(ReservedPassword, cluster.Rendered.Replace(cluster.SecretValues["airflow-partner-api-password"], "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
