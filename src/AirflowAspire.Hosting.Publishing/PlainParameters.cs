namespace AirflowAspire.Hosting.Publishing;

/// <summary>
/// The values of the model's plain (not secret) parameters, read once through Aspire before anything is rendered and
/// written as they are; a publisher asks for one only where a value uses it.
/// </summary>
internal sealed class PlainParameters(IReadOnlyDictionary<ParameterResource, string?> values)
{
    public static async Task<PlainParameters> ReadAsync(DistributedApplicationModel model, CancellationToken cancellationToken)
    {
        var values = new Dictionary<ParameterResource, string?>();
        foreach (var parameter in model.Resources.OfType<ParameterResource>().Where(p => !p.Secret))
        {
            try
            {
                values[parameter] = await parameter.GetValueAsync(cancellationToken);
            }
            catch (MissingParameterValueException)
            {
                values[parameter] = null;
            }
        }

        return new PlainParameters(values);
    }

    /// <summary>The parameter's value; throws with the fix when it has none.</summary>
    public string ValueOf(ParameterResource parameter) =>
        values.GetValueOrDefault(parameter)
        ?? throw new DistributedApplicationException(
            $"The parameter '{parameter.Name}' has no value to publish; pass it when publishing (--Parameters:{parameter.Name}=... " +
            $"or the environment variable Parameters__{parameter.Name}).");
}
