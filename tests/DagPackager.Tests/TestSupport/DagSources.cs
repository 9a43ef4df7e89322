namespace AirflowAspire.DagPackager.Tests.TestSupport;

/// <summary>Small DAG files for the tests, in Airflow 3's style.</summary>
public static class DagSources
{
    public static string WithDag(string dagId) => $$"""
        import pendulum

        from airflow.sdk import DAG, task

        with DAG(dag_id="{{dagId}}", schedule=None, start_date=pendulum.datetime(2026, 1, 1), catchup=False):

            @task
            def hello():
                print("hello")

            hello()
        """;

    /// <summary>Mentions airflow and defines a DAG, but line 3 does not compile ("def broken(:").</summary>
    public const string SyntaxError = """
        from airflow.sdk import DAG

        def broken(:
            pass
        """;
}
