namespace AirflowAspire.DagChecks.Validation;

/// <summary>The Python scripts validate runs, embedded in the assembly (see AirflowAspire.DagChecks.csproj).</summary>
public static class EmbeddedScripts
{
    /// <summary>Compiles and analyses DAG files with the local python3 (Python/check_dags.py).</summary>
    public static string CheckDags => Read("check_dags.py");

    /// <summary>Loads a DAG folder with Airflow's DagBag inside an image (InImage/load_dagbag.py).</summary>
    public static string LoadDagBag => Read("load_dagbag.py");

    private static string Read(string name)
    {
        using var stream = typeof(EmbeddedScripts).Assembly.GetManifestResourceStream($"AirflowAspire.DagChecks.Scripts.{name}")
            ?? throw new InvalidOperationException($"The script {name} is not embedded in {typeof(EmbeddedScripts).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
