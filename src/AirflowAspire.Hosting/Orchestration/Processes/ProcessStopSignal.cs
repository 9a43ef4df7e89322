namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>The signal that asks a process to stop, with its Linux number.</summary>
public enum ProcessStopSignal
{
    /// <summary>SIGINT: PostgreSQL's fast shutdown (the postgres image's STOPSIGNAL).</summary>
    Interrupt = 2,

    /// <summary>SIGTERM: what docker stop sends.</summary>
    Terminate = 15,
}
