using NJsonSchema.Validation;

namespace AirflowAspire.Hosting.Airflow.Tests.Manifest.Conformance;

/// <summary>Turns NJsonSchema's validation errors into sentences that name the resource and the property.</summary>
internal static class SchemaErrorDescription
{
    private const string ResourcesPath = "#/resources.";

    /// <summary>
    /// Replaces errors that only say "something inside is wrong" (an invalid additional property or array item)
    /// by the errors inside. A resource that matches no oneOf branch yields one error list per branch; only the
    /// branch of the resource's own <c>type</c> says what is wrong. An unknown type is reported by the type enum alone.
    /// </summary>
    public static IEnumerable<ValidationError> Flatten(ValidationError error)
    {
        if (error is not ChildSchemaValidationError child)
        {
            return [error];
        }

        if (child.Kind == ValidationErrorKind.NotOneOf)
        {
            var ownBranch = child.Errors.Values.Where(errors => !errors.Any(IsTypeMismatch)).ToList();
            return ownBranch.Count == 1 ? ownBranch[0].SelectMany(Flatten) : [];
        }

        var inner = child.Errors.Values.SelectMany(errors => errors).SelectMany(Flatten).ToList();
        return inner.Count > 0 ? inner : [error];
    }

    public static string? ResourceOf(ValidationError error)
    {
        var path = error.Path ?? string.Empty;
        if (!path.StartsWith(ResourcesPath, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[ResourcesPath.Length..];
        var end = rest.IndexOfAny(['.', '[']);
        return end < 0 ? rest : rest[..end];
    }

    public static string Describe(ValidationError error)
    {
        var where = Location(error);
        var allowed = error.Schema?.Enumeration is { Count: > 0 } values
            ? string.Join(", ", values.Select(v => v is bool b ? (b ? "true" : "false") : v?.ToString()))
            : null;
        var what = error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"'{error.Property}' is required",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"'{error.Property}' is not allowed here",
            ValidationErrorKind.NotInEnumeration => $"the value {Json(error)} is not one of: {allowed}",
            ValidationErrorKind.StringExpected => "must be a string",
            ValidationErrorKind.IntegerExpected => "must be an integer",
            ValidationErrorKind.BooleanExpected => "must be true or false",
            ValidationErrorKind.ObjectExpected => "must be an object",
            ValidationErrorKind.ArrayExpected => "must be an array",
            ValidationErrorKind.NumberTooSmall => $"{Json(error)} is below the minimum {error.Schema?.Minimum}",
            ValidationErrorKind.NumberTooBig => $"{Json(error)} is above the maximum {error.Schema?.Maximum}",
            ValidationErrorKind.StringTooShort => "must not be empty",
            _ => error.Kind.ToString(),
        };
        return where.Length == 0 ? what : $"{where}: {what}";
    }

    private static string? Json(ValidationError error) => error.Token?.ToString(Newtonsoft.Json.Formatting.None);

    /// <summary>The resource's own <c>type</c> is not the one of the branch (not a nested <c>type</c>, such as an input's).</summary>
    private static bool IsTypeMismatch(ValidationError error) =>
        error.Kind == ValidationErrorKind.NotInEnumeration && error.Path == $"{ResourcesPath}{ResourceOf(error)}.type";

    /// <summary>The path inside the resource (or inside the manifest for top-level errors), e.g. <c>bindings.http.scheme</c>.</summary>
    private static string Location(ValidationError error)
    {
        var path = (error.Path ?? string.Empty).TrimStart('#', '/');
        if (ResourceOf(error) is { } resource)
        {
            path = path[("resources.".Length + resource.Length)..].TrimStart('.');
        }

        // A missing or unexpected property is reported at its parent: the description names it.
        if (error.Kind is ValidationErrorKind.PropertyRequired or ValidationErrorKind.NoAdditionalPropertiesAllowed
            && error.Property is { } property && (path == property || path.EndsWith("." + property, StringComparison.Ordinal)))
        {
            path = path[..^property.Length].TrimEnd('.');
        }

        return path;
    }
}
