using System.Globalization;
using System.Text;

namespace AirflowAspire.Bench.DagHash;

/// <summary>
/// A DAG project of generated files: <c>dags/team_NN/dag_NNN.py</c>, each a small Airflow DAG of 1 to 4 KB
/// (a few tasks with varying ids, owners and schedules), the same bytes on every run.
/// </summary>
internal static class SyntheticProject
{
    public const int Folders = 100;

    public static string Create(int files)
    {
        var root = Directory.CreateTempSubdirectory("dag-hash-bench-").FullName;
        var random = new Random(20261122);
        for (var i = 0; i < files; i++)
        {
            var folder = Path.Combine(root, "dags", $"team_{i % Folders:00}");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"dag_{i / Folders:000}.py"), Dag(i, random));
        }

        return root;
    }

    private static string Dag(int index, Random random)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $$""""
            """Synthetic DAG {{index}}: extracts, transforms and loads batch {{random.Next(1000, 9999)}}."""
            from datetime import datetime, timedelta

            from airflow.sdk import DAG
            from airflow.providers.standard.operators.bash import BashOperator
            from airflow.providers.standard.operators.python import PythonOperator

            default_args = {"owner": "team-{{index % Folders}}", "retries": {{random.Next(0, 4)}}, "retry_delay": timedelta(minutes={{random.Next(1, 30)}})}


            def transform(**context):
                rows = [{"id": i, "value": i * {{random.Next(2, 97)}}} for i in range({{random.Next(10, 5000)}})]
                return sum(row["value"] for row in rows)


            with DAG(
                dag_id="synthetic_{{index:00000}}",
                start_date=datetime(2026, {{random.Next(1, 12)}}, {{random.Next(1, 28)}}),
                schedule="{{random.Next(0, 59)}} {{random.Next(0, 23)}} * * *",
                catchup=False,
                default_args=default_args,
                tags=["synthetic", "team-{{index % Folders}}"],
            ) as dag:

            """");
        var tasks = random.Next(2, 12);
        for (var t = 0; t < tasks; t++)
        {
            if (t % 2 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"    task_{t} = BashOperator(task_id=\"extract_{t}\", bash_command=\"echo batch {random.Next()} && sleep {random.Next(1, 5)}\")\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"    task_{t} = PythonOperator(task_id=\"transform_{t}\", python_callable=transform)\n");
            }
        }

        text.Append("\n    ").AppendJoin(" >> ", Enumerable.Range(0, tasks).Select(t => $"task_{t}")).Append('\n');
        return text.ToString();
    }
}
