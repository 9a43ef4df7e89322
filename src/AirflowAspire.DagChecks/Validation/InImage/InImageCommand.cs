using AirflowAspire.DagChecks.AirflowIgnore;

namespace AirflowAspire.DagChecks.Validation.InImage;

/// <summary>
/// The container run that loads a DAG folder with Airflow itself: the folder mounted read-only where the official
/// image keeps DAGs, no network (parsing must not need one), examples off, the same .airflowignore syntax, and
/// load_dagbag.py run by the image's python (the official entrypoint runs a "python" command as given). The container
/// is named, so that it can be removed when validation is cancelled or times out: killing the client of
/// <c>docker run --rm</c> leaves the container running.
/// </summary>
public static class InImageCommand
{
    public const string DagsFolderInImage = "/opt/airflow/dags";

    public static string NewContainerName() => "dag-packager-validate-" + Guid.NewGuid().ToString("N")[..12];

    public static IReadOnlyList<string> Arguments(string image, string dagFolder, IgnoreSyntax syntax, string script, string containerName) =>
    [
        "run", "--rm", "--network", "none", "--name", containerName,
        "--volume", $"{Path.GetFullPath(dagFolder)}:{DagsFolderInImage}:ro",
        "--env", $"AIRFLOW__CORE__DAGS_FOLDER={DagsFolderInImage}",
        "--env", "AIRFLOW__CORE__LOAD_EXAMPLES=False",
        "--env", $"AIRFLOW__CORE__DAG_IGNORE_FILE_SYNTAX={syntax.Name()}",
        "--env", "CONNECTION_CHECK_MAX_COUNT=0",
        image,
        "python", "-c", script, DagsFolderInImage,
    ];
}
