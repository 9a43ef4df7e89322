using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting;

/// <summary>Adds parameters: secrets the user supplies, or secrets generated when nobody does.</summary>
public static class ParameterResourceBuilderExtensions
{
    /// <summary>
    /// A secret the user must supply: locally from configuration (<c>Parameters:{name}</c>, e.g. the
    /// environment variable <c>Parameters__{name}</c>), when deploying from the deployment tool. Plain
    /// settings are not parameters: read them from configuration and pass them as literal strings.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new ParameterResource(name, generate: null));

    /// <summary>A secret generated when absent: at least <paramref name="minLength"/> letters and digits.</summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedSecret(
        this IDistributedApplicationBuilder builder, string name, int minLength = 22)
    {
        if (minLength is < 8 or > 256)
        {
            throw new DistributedApplicationException(
                $"The generated secret '{name}' asks for minimum length {minLength}; choose 8 to 256 characters.");
        }

        return builder.AddResource(new ParameterResource(name, new GenerateParameterDefault(minLength)));
    }
}
