using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Publishing.Compose;

/// <summary>
/// Renders values as a service on the compose network sees them: other services by resource name and target
/// port, a secret as <c>${KEY}</c> from <c>.env</c>, and every literal <c>$</c> doubled so compose leaves it alone.
/// </summary>
internal static class ComposeValues
{
    private static readonly LocalRenderContext Network = new()
    {
        Consumer = LocalConsumer.ContainerNetwork,
        ParameterValue = parameter => throw new DistributedApplicationException(
            $"The secret '{parameter.Name}' is inside a value the compose publisher cannot render as ${{{ComposeEnvFile.KeyFor(parameter)}}}; " +
            "write it into a ReferenceExpression directly."),
        HostPort = (resource, endpoint) => throw new DistributedApplicationException(
            $"A value asks for the host port of '{resource.Name}' endpoint '{endpoint.Name}', which a compose service cannot know."),
    };

    public static string Render(ReferenceExpression expression) => expression.Render(Value, Escape);

    /// <summary>Doubles <c>$</c>, compose's escape for a literal dollar sign.</summary>
    public static string Escape(string text) => text.Replace("$", "$$", StringComparison.Ordinal);

    private static string Value(IValueReference value) => value switch
    {
        ReferenceExpression nested => Render(nested),
        ConnectionStringReference reference => Render(reference.Resource.ConnectionStringExpression),
        ParameterResource { Secret: true } secret => ComposeEnvFile.Interpolation(secret),
        _ => Escape(value.ToLocalValue(Network)),
    };
}
