namespace AirflowAspire.Hosting.Airflow.Telemetry;

/// <summary>
/// WithOpenTelemetry's choice: every component sends its OTLP/HTTP metrics and traces to <see cref="Endpoint"/>,
/// locally and when published; or, when it is null, to Aspire's dashboard in a local run only.
/// </summary>
internal sealed record AirflowOpenTelemetryAnnotation(Uri? Endpoint) : IResourceAnnotation;
