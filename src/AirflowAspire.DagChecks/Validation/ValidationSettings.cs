using AirflowAspire.DagChecks.AirflowIgnore;
using AirflowAspire.DagChecks.Validation.Python;

namespace AirflowAspire.DagChecks.Validation;

/// <summary>What `validate` was asked to do.</summary>
/// <param name="DagFolder">The DAG folder, as given.</param>
/// <param name="InImage">An Airflow image to load the DAGs in too, or null.</param>
/// <param name="Limits">Time and memory python3 may spend on one file; null for <see cref="CheckLimits.Default"/>.</param>
public sealed record ValidationSettings(string DagFolder, IgnoreSyntax IgnoreSyntax, string? InImage, bool Json, bool Strict, CheckLimits? Limits = null);
