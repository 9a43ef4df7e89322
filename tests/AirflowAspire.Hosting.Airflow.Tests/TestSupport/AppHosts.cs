using System.Reflection;

namespace AirflowAspire.Hosting.Airflow.Tests.TestSupport;

/// <summary>Builds a real AppHost's model (the repository's or an example's) with Aspire.Hosting.Testing, without starting it.</summary>
internal static class AppHosts
{
    public const string Default = "AirflowAspire.AppHost";

    public static async Task<DistributedApplicationModel> BuildModelAsync(string assemblyName, params string[] args)
    {
        var entryPoint = Assembly.Load(assemblyName).EntryPoint!.DeclaringType!;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(entryPoint, ["--publisher", "manifest", .. args]);
        return builder.Build().Services.GetRequiredService<DistributedApplicationModel>();
    }

    public static AirflowResource Airflow(this DistributedApplicationModel model) =>
        model.Resources.OfType<AirflowResource>().Single();

    public static IResource Get(this DistributedApplicationModel model, string name) =>
        model.Resources.Single(r => r.Name == name);
}
