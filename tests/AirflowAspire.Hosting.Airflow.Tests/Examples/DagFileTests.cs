
namespace AirflowAspire.Hosting.Airflow.Tests.Examples;

/// <summary>
/// The DAGs of <c>dags/</c>, which the examples mount. Airflow is not installed here, so the files are
/// compiled, and kpo_etl.py is imported against stand-ins of the Airflow and Kubernetes classes that
/// record what the DAG declares; its steps then run as the pods would, XCom passed the way the sidecar does.
/// </summary>
public class DagFileTests
{
    private const string CompileAll = """
        import glob, os, py_compile, sys
        files = sorted(glob.glob(os.path.join(os.environ["DAGS"], "*.py")))
        assert files, "no DAG files in " + os.environ["DAGS"]
        failed = []
        for i, path in enumerate(files):
            try:
                py_compile.compile(path, cfile=os.path.join(os.environ["OUT"], f"{i}.pyc"), doraise=True)
            except py_compile.PyCompileError as error:
                failed.append(str(error))
        print("\n".join(os.path.basename(f) for f in files))
        if failed:
            sys.exit("\n".join(failed))
        """;

    private const string RunKpoEtl = """
        import json, os, re, runpy, subprocess, sys, types

        class DAG:
            def __init__(self, **kwargs):
                self.kwargs = kwargs
                DAG.created.append(self)
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                return False
        DAG.created = []

        class KubernetesPodOperator:
            created = []
            def __init__(self, **kwargs):
                self.kwargs = kwargs
                self.downstream = []
                KubernetesPodOperator.created.append(self)
            def __rshift__(self, other):
                self.downstream.append(other)
                return other

        class V1ResourceRequirements:
            def __init__(self, requests=None, limits=None):
                self.requests, self.limits = requests, limits

        def module(name, **attrs):
            m = types.ModuleType(name)
            m.__path__ = []
            m.__dict__.update(attrs)
            sys.modules[name] = m
            parent, _, child = name.rpartition(".")
            if parent:
                setattr(sys.modules[parent], child, m)

        module("pendulum", datetime=lambda *args, **kwargs: ("datetime", args, kwargs))
        module("kubernetes"); module("kubernetes.client")
        module("kubernetes.client.models", V1ResourceRequirements=V1ResourceRequirements)
        for name in ["airflow", "airflow.providers", "airflow.providers.cncf", "airflow.providers.cncf.kubernetes",
                     "airflow.providers.cncf.kubernetes.operators"]:
            module(name)
        module("airflow.providers.cncf.kubernetes.operators.pod", KubernetesPodOperator=KubernetesPodOperator)
        module("airflow.sdk", DAG=DAG)

        runpy.run_path(os.environ["DAG_FILE"])

        dag = DAG.created[0].kwargs
        assert (dag["dag_id"], dag["schedule"], dag["catchup"]) == ("kpo_etl", None, False), dag
        assert dag["tags"], "the DAG has no tags"
        tasks = {op.kwargs["task_id"]: op for op in KubernetesPodOperator.created}
        assert list(tasks) == ["extract", "transform", "load"], list(tasks)
        assert tasks["extract"].downstream == [tasks["transform"]] and tasks["transform"].downstream == [tasks["load"]]
        for task_id, op in tasks.items():
            k = op.kwargs
            assert (k["in_cluster"], k["get_logs"], k["on_finish_action"]) == (True, True, "delete_pod"), (task_id, k)
            assert k["image"].split(":")[0] in ("python", "busybox"), k["image"]
            resources = k["container_resources"]
            assert {"cpu", "memory"} <= set(resources.requests) and {"cpu", "memory"} <= set(resources.limits), task_id

        # Run each step as its pod would: templates rendered from the XComs so far and the connections (Airflow's
        # `conn` accessor: the connection's attributes, here from AIRFLOW_CONN_* in JSON form), /airflow/xcom on a folder.
        xcoms, outputs = {}, {}
        pull = re.compile(r"\{\{\s*ti\.xcom_pull\(task_ids='(\w+)'\)\s*\|\s*tojson\s*\}\}")
        conn = re.compile(r"\{\{\s*conn\.(\w+)\.(\w+)\s*\}\}")
        def attribute(conn_id, name):
            return str(json.loads(os.environ["AIRFLOW_CONN_" + conn_id.upper()])[name])
        def render(text, xcom_dir):
            text = pull.sub(lambda m: json.dumps(xcoms[m.group(1)]), text).replace("/airflow/xcom", xcom_dir)
            text = conn.sub(lambda m: attribute(m.group(1), m.group(2)), text)
            assert "{{" not in text, "unrendered template: " + text
            return text
        for task_id, op in tasks.items():
            k = op.kwargs
            xcom_dir = os.path.join(os.environ["OUT"], task_id)
            os.makedirs(xcom_dir)
            command = [sys.executable if c == "python" else c for c in k["cmds"]] + [render(a, xcom_dir) for a in k["arguments"]]
            env = dict(os.environ, **{name: render(value, xcom_dir) for name, value in (k.get("env_vars") or {}).items()})
            run = subprocess.run(command, env=env, capture_output=True, text=True)
            assert run.returncode == 0, (task_id, run.stderr)
            outputs[task_id] = run.stdout
            if k.get("do_xcom_push"):
                with open(os.path.join(xcom_dir, "return.json")) as f:
                    xcoms[task_id] = json.load(f)
        print(json.dumps(xcoms["transform"], sort_keys=True))
        print(outputs["load"])
        """;

    [SkippableFact]
    public void Every_dag_file_compiles()
    {
        var python = Python.FindWith("py_compile");
        RequiredTool.SkipOrFailIfMissing(python is null, "python3 is not installed");
        using var output = new TempFolder();

        var (exitCode, stdout, stderr) = Python.Run(python!, CompileAll, new Dictionary<string, string>
        {
            ["DAGS"] = DagsFolder,
            ["OUT"] = output.Path,
        });

        Assert.True(exitCode == 0, $"py_compile failed:\n{stderr}");
        Assert.Contains("hello_celery.py", stdout);
        Assert.Contains("kpo_etl.py", stdout);
    }

    [SkippableFact]
    public void Kpo_etl_runs_extract_transform_and_load_in_pods_passing_data_through_xcom()
    {
        var python = Python.FindWith("json");
        RequiredTool.SkipOrFailIfMissing(python is null, "python3 is not installed");
        using var output = new TempFolder();

        var (exitCode, stdout, stderr) = Python.Run(python!, RunKpoEtl, new Dictionary<string, string>
        {
            ["DAG_FILE"] = Path.Combine(DagsFolder, "kpo_etl.py"),
            ["AIRFLOW_CONN_WAREHOUSE"] = """{"conn_type": "postgres", "host": "warehouse-postgres", "port": "5432", "schema": "warehouse"}""",
            ["OUT"] = output.Path,
            ["PYTHONDONTWRITEBYTECODE"] = "1",
        });

        Assert.True(exitCode == 0, $"kpo_etl.py did not run:\n{stderr}\n{stdout}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("""{"by_region": {"amer": 100.49, "apac": 310.0, "emea": 162.25}, "orders": 5, "revenue": 572.74}""", lines[0]);
        Assert.Contains("loading summary into the warehouse at warehouse-postgres:5432/warehouse: {", stdout);
        Assert.Contains("load done", stdout);
    }

    private static string DagsFolder => Path.Combine(RepositoryPaths.Root, "dags");
}
