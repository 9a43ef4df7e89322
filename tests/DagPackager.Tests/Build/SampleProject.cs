using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Build;

/// <summary>A small DAG project for build tests: two DAGs in two folders, a plugin and an executable helper script.</summary>
internal static class SampleProject
{
    public static readonly string[] Files = ["dags/etl/extract.py", "dags/hello.py", "dags/scripts/run.sh", "plugins/my_plugin.py"];

    /// <param name="reverse">Create the files in the opposite order (the hash must not care).</param>
    public static string Create(TempFolder temp, string folder = "project", bool reverse = false)
    {
        var contents = new Dictionary<string, string>
        {
            ["dags/etl/extract.py"] = DagSources.WithDag("extract"),
            ["dags/hello.py"] = DagSources.WithDag("hello"),
            ["dags/scripts/run.sh"] = "#!/bin/sh\necho run\n",
            ["plugins/my_plugin.py"] = "from airflow.plugins_manager import AirflowPlugin\n\n\nclass MyPlugin(AirflowPlugin):\n    name = \"my_plugin\"\n",
        };
        foreach (var file in reverse ? Files.Reverse() : Files)
        {
            temp.Write($"{folder}/{file}", contents[file]);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp.Combine($"{folder}/dags/scripts/run.sh"), (UnixFileMode)0b111_101_101);
        }

        return temp.Combine(folder);
    }

    /// <summary>Runs dag-packager in this process, with the default Airflow version given so no manifest is needed.</summary>
    public static Task<CommandRun> BuildAsync(params string[] args) =>
        CommandRun.InvokeAsync(["build", .. args, .. args.Contains("--airflow-version") || args.Contains("--manifest") ? Array.Empty<string>() : ["--airflow-version", "3.2.2"]]);

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AirflowAspire.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (AirflowAspire.sln) is not above the test assembly.");
    }
}
