namespace AirflowAspire.Hosting.Airflow.Tests.Manifest.Conformance;

public enum PlaceholderKind
{
    /// <summary><c>{res.bindings.&lt;binding&gt;.&lt;property&gt;}</c></summary>
    Binding,

    /// <summary><c>{res.connectionString}</c></summary>
    ConnectionString,

    /// <summary><c>{res.value}</c></summary>
    Value,

    /// <summary><c>{res.inputs.value}</c></summary>
    InputValue,
}

/// <summary>A placeholder in one of the forms Aspire tools resolve.</summary>
public sealed record Placeholder(string Resource, PlaceholderKind Kind, string? Binding = null, string? Property = null)
{
    public const string KnownForms =
        "{res.bindings.<binding>.host|port|targetPort|url|scheme}, {res.connectionString}, {res.value} or {res.inputs.value}";

    private static readonly string[] BindingProperties = ["host", "port", "targetPort", "url", "scheme"];

    /// <summary>Reads the text between the braces; null when it has none of the known forms.</summary>
    public static Placeholder? Parse(string text)
    {
        var parts = text.Split('.');
        if (parts.Any(string.IsNullOrEmpty))
        {
            return null;
        }

        return parts switch
        {
            [var resource, "connectionString"] => new Placeholder(resource, PlaceholderKind.ConnectionString),
            [var resource, "value"] => new Placeholder(resource, PlaceholderKind.Value),
            [var resource, "inputs", "value"] => new Placeholder(resource, PlaceholderKind.InputValue),
            [var resource, "bindings", var binding, var property] when BindingProperties.Contains(property) =>
                new Placeholder(resource, PlaceholderKind.Binding, binding, property),
            _ => null,
        };
    }
}
