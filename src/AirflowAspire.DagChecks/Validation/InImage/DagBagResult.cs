namespace AirflowAspire.DagChecks.Validation.InImage;

/// <summary>What load_dagbag.py printed after its marker: Airflow's import errors and the DAGs it loaded.</summary>
public sealed record DagBagResult(IReadOnlyList<DagBagImportError> ImportErrors, IReadOnlyList<DagBagDag> Dags)
{
    public const string Marker = "DAGPACKAGER-DAGBAG ";
}

public sealed record DagBagImportError(string File, int? Line, string Message, string Traceback);

public sealed record DagBagDag(string DagId, string File);
