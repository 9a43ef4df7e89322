using AirflowAspire.Hosting;
using AirflowAspire.Hosting.ApplicationModel;
using static AirflowAspire.Bench.Manifest.BenchShape;

namespace AirflowAspire.Bench.Manifest;

/// <summary>Declares <see cref="BenchShape"/> through the app model, the way an AppHost would.</summary>
internal static class ModelScenario
{
    public static DistributedApplicationModel Build(string appHostDirectory)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            ApplicationName = "manifest-bench",
            AppHostDirectory = appHostDirectory,
        });

        var token = builder.AddParameter(ParameterName);
        var containers = Enumerable.Range(0, ContainerCount)
            .Select(i => builder.AddContainer(ContainerName(i), Image(i), ImageTag).WithHttpEndpoint(TargetPort))
            .ToList();

        // A second pass, because a container refers to the next one, which the first pass adds later.
        for (var i = 0; i < ContainerCount; i++)
        {
            var peerUrl = containers[PeerOf(i)].GetEndpoint(EndpointName).Url;
            for (var variable = 0; variable < EnvVarsPerContainer; variable++)
            {
                containers[i].WithEnvironment(
                    EnvVarName(variable),
                    ReferenceExpression.Create($"{peerUrl}/v{variable}?token={token.Resource}"));
            }
        }

        return builder.Build().Model;
    }
}
