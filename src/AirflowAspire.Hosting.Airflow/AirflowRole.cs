namespace Aspire.Hosting.ApplicationModel;

/// <summary>The parts an Airflow deployment is made of; each runs as its own container.</summary>
public enum AirflowRole
{
    /// <summary>Runs once: migrates the database and creates the first admin user.</summary>
    Init,

    /// <summary>Airflow 3's UI, REST API and task execution API.</summary>
    ApiServer,

    /// <summary>Airflow 2's UI and REST API.</summary>
    Webserver,

    Scheduler,

    /// <summary>Parses DAG files; always separate in Airflow 3, optional in Airflow 2.</summary>
    DagProcessor,

    /// <summary>Runs deferred tasks' triggers.</summary>
    Triggerer,

    /// <summary>A Celery worker; serves its task logs on port 8793.</summary>
    Worker,

    /// <summary>Celery's monitoring UI.</summary>
    Flower,
}
