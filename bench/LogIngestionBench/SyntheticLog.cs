namespace AirflowAspire.Bench.LogIngestion;

/// <summary>Distinct lines shaped like Airflow's console output, so the strings are real allocations, not one shared literal.</summary>
internal static class SyntheticLog
{
    public static string[] Create(int count)
    {
        var random = new Random(42);
        string[] levels = ["INFO", "WARNING", "ERROR", "DEBUG"];
        return Enumerable.Range(0, count)
            .Select(i => $"[2026-11-22T19:{i / 60 % 60:00}:{i % 60:00}.{random.Next(1000):000}+0000] {{scheduler_job_runner.py:{random.Next(100, 2000)}}} " +
                         $"{levels[random.Next(levels.Length)]} - Sending TaskInstanceKey(dag_id='etl_{random.Next(50)}', task_id='step_{random.Next(20)}', try_number={random.Next(1, 4)}) to executor")
            .ToArray();
    }
}
