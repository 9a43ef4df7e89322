using AirflowAspire.DagPackager.AirflowIgnore;

namespace AirflowAspire.DagPackager.Validation;

/// <summary>What `validate` was asked to do.</summary>
/// <param name="DagFolder">The DAG folder, as given.</param>
/// <param name="InImage">An Airflow image to load the DAGs in too, or null.</param>
public sealed record ValidationSettings(string DagFolder, IgnoreSyntax IgnoreSyntax, string? InImage, bool Json, bool Strict);
