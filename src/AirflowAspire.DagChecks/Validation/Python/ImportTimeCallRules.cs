namespace AirflowAspire.DagChecks.Validation.Python;

/// <summary>
/// The calls Airflow's best practices keep out of top-level code ("Top level Python code", "Airflow Variables"):
/// the DAG processor imports every file every few minutes, so a network or database call there runs each time.
/// </summary>
public static class ImportTimeCallRules
{
    private const string Network = "network";
    private const string Database = "database";
    private const string Metadata = "metadata database";

    public static IReadOnlyList<ImportTimeCallRule> All { get; } =
    [
        new("requests.*", Network),
        new("httpx.*", Network),
        new("urllib.request.urlopen", Network),
        new("urllib.request.urlretrieve", Network),
        new("urllib3.*", Network),
        new("http.client.HTTPConnection", Network),
        new("http.client.HTTPSConnection", Network),
        new("socket.*", Network),
        new("psycopg2.connect", Database),
        new("psycopg.connect", Database),
        new("pymysql.connect", Database),
        new("MySQLdb.connect", Database),
        new("mysql.connector.connect", Database),
        new("sqlite3.connect", Database),
        new("pymongo.MongoClient", Database),
        new("sqlalchemy.create_engine", Database),
        new("Variable.get", Metadata),
        new("airflow.*Variable.get", Metadata),
        new("*Hook.get_connection", Metadata),
        new("Connection.get", Metadata),
        new("airflow.*Connection.get", Metadata),
        new("*Connection.get_connection_from_secrets", Metadata),
    ];
}
