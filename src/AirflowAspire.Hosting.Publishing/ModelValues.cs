using System.Globalization;

namespace AirflowAspire.Hosting.Publishing;

/// <summary>How one publisher spells the parts of a value that are only known where it runs.</summary>
public sealed class ValueRendering
{
    /// <summary>How a resource's host name is written, e.g. its Service name in a cluster.</summary>
    public required Func<IResource, string> Host { get; init; }

    /// <summary>How an endpoint's port is written; the container (target) port unless a publisher knows better.</summary>
    public Func<EndpointAnnotation, string> Port { get; init; } = endpoint =>
        (endpoint.TargetPort ?? endpoint.Port)?.ToString(CultureInfo.InvariantCulture)
        ?? throw new DistributedApplicationException($"The endpoint '{endpoint.Name}' has no port to publish; give it a target port.");

    /// <summary>How a secret parameter is referred to, e.g. <c>$(VAR)</c> or <c>${VAR}</c>; never its value.</summary>
    public required Func<ParameterResource, string> Secret { get; init; }

    /// <summary>How a plain parameter is written: its value, or a reference.</summary>
    public required Func<ParameterResource, string> Parameter { get; init; }

    /// <summary>
    /// How a secret inside a <c>:uri</c> placeholder is referred to, when the publisher can do it (e.g. because the
    /// secret's settled value needs no encoding); null refuses such a secret.
    /// </summary>
    public Func<ParameterResource, string>? UriEncodedSecret { get; init; }

    /// <summary>
    /// How a secret inside a JSON string (<see cref="JsonStringValue"/>) is referred to: a derived secret that holds
    /// its JSON-escaped value; null refuses such a secret.
    /// </summary>
    public Func<ParameterResource, string>? JsonEncodedSecret { get; init; }

    /// <summary>Escapes literal text for the format, e.g. <c>$</c> as <c>$$</c>.</summary>
    public Func<string, string> Literal { get; init; } = text => text;
}

/// <summary>
/// Turns a value of Aspire's app model (a string, a parameter, an endpoint, a <see cref="ReferenceExpression"/>,
/// a connection string) into text for a published file, the way one publisher spells it. Applies the
/// <c>:uri</c> format where an expression asks for it; a secret cannot be URL-encoded at publish time, so a
/// secret in a <c>:uri</c> placeholder is refused with the fix.
/// </summary>
public static class ModelValues
{
    public static string Render(object? value, ValueRendering rendering, string? format = null) => value switch
    {
        null => string.Empty,
        string text => rendering.Literal(Encode(text, format)),
        ParameterResource { Secret: true } secret when format == "uri" && rendering.UriEncodedSecret is { } encoded => encoded(secret),
        ParameterResource { Secret: true } secret when format == "uri" => throw new DistributedApplicationException(
            $"The secret '{secret.Name}' is URL-encoded inside a value, which no published file can do without writing the secret; " +
            "pass it as a variable of its own (Airflow reads such URLs through its _CMD options)."),
        ParameterResource { Secret: true } secret => rendering.Secret(secret),
        ParameterResource parameter => Encode(rendering.Parameter(parameter), format),
        ConnectionStringReference reference => Render(reference.Resource.ConnectionStringExpression, rendering, format),
        IResourceWithConnectionString resource => Render(resource.ConnectionStringExpression, rendering, format),
        ReferenceExpression expression => RenderExpression(expression, rendering),
        JsonStringValue json => RenderJsonString(json, rendering),
        LiteralText literal => rendering.Literal(literal.Text),
        EndpointReference endpoint => Url(endpoint, rendering),
        EndpointReferenceExpression property => Property(property, rendering),
        bool flag => rendering.Literal(flag ? "true" : "false"),
        IFormattable formattable => rendering.Literal(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => throw new DistributedApplicationException(
            $"A value of type {value.GetType().Name} cannot be published; use a string, a parameter, an endpoint or a ReferenceExpression."),
    };

    /// <summary>The secret parameters a value holds, directly or inside expressions and connection strings.</summary>
    public static IEnumerable<ParameterResource> Secrets(object? value) => value switch
    {
        ParameterResource { Secret: true } secret => [secret],
        ConnectionStringReference reference => Secrets(reference.Resource.ConnectionStringExpression),
        IResourceWithConnectionString resource => Secrets(resource.ConnectionStringExpression),
        ReferenceExpression { IsConditional: true } conditional => Secrets(conditional.WhenTrue).Concat(Secrets(conditional.WhenFalse)),
        ReferenceExpression expression => expression.ValueProviders.SelectMany(Secrets),
        JsonStringValue json => Secrets(json.Value),
        _ => [],
    };

    /// <summary>The secrets a value holds inside JSON strings, whose JSON-escaped values a publisher derives.</summary>
    public static IEnumerable<ParameterResource> JsonEncodedSecrets(object? value) => value switch
    {
        JsonStringValue json => Secrets(json.Value),
        ReferenceExpression { IsConditional: true } conditional => JsonEncodedSecrets(conditional.WhenTrue).Concat(JsonEncodedSecrets(conditional.WhenFalse)),
        ReferenceExpression expression => expression.ValueProviders.SelectMany(JsonEncodedSecrets),
        _ => [],
    };

    /// <summary>The one secret parameter a value consists of, alone; null when it holds anything else.</summary>
    public static ParameterResource? SingleSecret(object? value) => value switch
    {
        ParameterResource { Secret: true } secret => secret,
        ReferenceExpression { IsConditional: false, Format: "{0}", ValueProviders: [var only] } => SingleSecret(only),
        _ => null,
    };

    /// <summary>
    /// A value inside a JSON string: a secret as the publisher's reference to its derived JSON-escaped value, anything
    /// else escaped as it is rendered (the publisher's own escapes, of <c>$</c>, never meet JSON's).
    /// </summary>
    private static string RenderJsonString(JsonStringValue json, ValueRendering rendering)
    {
        if (SingleSecret(json.Value) is { } secret)
        {
            return rendering.JsonEncodedSecret?.Invoke(secret) ?? throw new DistributedApplicationException(
                $"The secret '{secret.Name}' is written inside JSON (an Airflow connection), which this output cannot do without writing the secret.");
        }

        if (Secrets(json.Value).FirstOrDefault() is { } mixed)
        {
            throw new DistributedApplicationException(
                $"The secret '{mixed.Name}' is part of a longer value inside JSON (an Airflow connection), which no published file can hold " +
                "without writing the secret; pass the secret alone.");
        }

        return JsonStringValue.Escape(Render(json.Value, rendering));
    }

    private static string RenderExpression(ReferenceExpression expression, ValueRendering rendering)
    {
        if (expression.IsConditional)
        {
            // A condition is a fact of the model (e.g. whether TLS is on), known when publishing.
            var condition = Render(expression.Condition, rendering);
            var branch = string.Equals(condition, expression.MatchValue, StringComparison.OrdinalIgnoreCase)
                ? expression.WhenTrue
                : expression.WhenFalse;
            return Render(branch, rendering);
        }

        var parts = expression.ValueProviders
            .Select((provider, i) => (object)Render(provider, rendering, expression.StringFormats.ElementAtOrDefault(i)))
            .ToArray();
        return string.Format(CultureInfo.InvariantCulture, EscapeFormatLiterals(expression.Format, rendering), parts);
    }

    /// <summary>Escapes the literal text between a format string's placeholders.</summary>
    private static string EscapeFormatLiterals(string format, ValueRendering rendering)
    {
        var result = new System.Text.StringBuilder();
        var literal = new System.Text.StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c == '{')
            {
                var end = format.IndexOf('}', i);
                Flush();
                result.Append(format, i, end - i + 1);
                i = end;
                continue;
            }

            literal.Append(c);
        }

        Flush();
        return result.ToString();

        void Flush()
        {
            if (literal.Length > 0)
            {
                result.Append(rendering.Literal(literal.ToString()).Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
                literal.Clear();
            }
        }
    }

    private static string Url(EndpointReference endpoint, ValueRendering rendering)
    {
        var annotation = endpoint.EndpointAnnotation;
        return $"{annotation.UriScheme}://{rendering.Host(endpoint.Resource)}:{rendering.Port(annotation)}";
    }

    private static string Property(EndpointReferenceExpression property, ValueRendering rendering)
    {
        var endpoint = property.Endpoint;
        var annotation = endpoint.EndpointAnnotation;
        return property.Property switch
        {
            EndpointProperty.Url => Url(endpoint, rendering),
            EndpointProperty.Host or EndpointProperty.IPV4Host => rendering.Host(endpoint.Resource),
            EndpointProperty.Port or EndpointProperty.TargetPort => rendering.Port(annotation),
            EndpointProperty.HostAndPort => $"{rendering.Host(endpoint.Resource)}:{rendering.Port(annotation)}",
            EndpointProperty.Scheme => annotation.UriScheme,
            EndpointProperty.TlsEnabled => annotation.UriScheme is "https" or "rediss" ? "true" : "false",
            _ => throw new DistributedApplicationException(
                $"The endpoint property {property.Property} of '{endpoint.Resource.Name}' cannot be published."),
        };
    }

    private static string Encode(string text, string? format) =>
        format == "uri" ? Uri.EscapeDataString(text) : text;
}
