using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting;

/// <summary>Adds parameters: secrets the user supplies or that are generated, and plain settings from configuration.</summary>
public static class ParameterResourceBuilderExtensions
{
    /// <summary>
    /// A value from outside the model, named <c>Parameters:{name}</c> in configuration (appsettings.json, the
    /// environment variable <c>Parameters__{name}</c>, or <c>--Parameters:{name}=...</c>).
    /// A secret (the default) is asked for when deploying and read from configuration in local runs; it is
    /// never written anywhere. A plain setting (<paramref name="secret"/> false) is read now, falling back
    /// to <paramref name="defaultValue"/>, and written as text wherever it is used.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddParameter(
        this IDistributedApplicationBuilder builder, string name, bool secret = true, string? defaultValue = null)
    {
        if (secret)
        {
            if (defaultValue is not null)
            {
                throw new DistributedApplicationException(
                    $"The secret parameter '{name}' was given a default value, which would end up in the AppHost's code. " +
                    "Use AddGeneratedSecret to generate it, or supply it through configuration (Parameters:" + name + ").");
            }

            return builder.AddResource(ParameterResource.CreateSecret(name, generate: null));
        }

        var value = builder.Configuration[$"Parameters:{name}"] ?? defaultValue
            ?? throw new DistributedApplicationException(
                $"The parameter '{name}' has no value. Set Parameters:{name} in the AppHost's appsettings.json, " +
                $"or the environment variable Parameters__{name}, or give AddParameter a default value.");
        return builder.AddResource(ParameterResource.CreatePlain(name, value));
    }

    /// <summary>A secret generated when absent: at least <paramref name="minLength"/> letters and digits.</summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedSecret(
        this IDistributedApplicationBuilder builder, string name, int minLength = 22)
    {
        if (minLength is < 8 or > 256)
        {
            throw new DistributedApplicationException(
                $"The generated secret '{name}' asks for minimum length {minLength}; choose 8 to 256 characters.");
        }

        return builder.AddResource(ParameterResource.CreateSecret(name, new GenerateParameterDefault(minLength)));
    }

    /// <summary>
    /// A connection string to something the model does not run, such as a managed database. It is a secret:
    /// local runs read <c>ConnectionStrings:{name}</c> from configuration, deployments ask for it.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddConnectionString(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(ParameterResource.CreateConnectionString(name));
}
