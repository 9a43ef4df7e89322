namespace AirflowAspire.Hosting.Airflow;

internal static partial class AirflowConfigCatalog
{
    /// <summary>
    /// What changes for an option the model sets when the deployed release <paramref name="from"/> becomes the model's
    /// <paramref name="to"/> (valid in <paramref name="to"/>, as the model is checked): the name the older release
    /// read it under, or that the older release did not have it. Null when both read it alike.
    /// </summary>
    public static string? ChangeBetween(string section, string option, AirflowVersion from, AirflowVersion to)
    {
        var key = $"{section.ToLowerInvariant()}.{option.ToLowerInvariant()}";
        if (from.Major < 3 && to.Major >= 3 && MovedInAirflow3.FirstOrDefault(m => m.Value == key) is { Key: { } old })
        {
            var (oldSection, oldOption) = Split(old);
            return $"[{section}] {option}: Airflow 3 moved it from [{oldSection}] {oldOption}, the name Airflow {from} reads.";
        }

        return Exists(section, option, from) ? null : $"[{section}] {option}: Airflow {from} has no such option; it takes effect from {to} on.";
    }
}
