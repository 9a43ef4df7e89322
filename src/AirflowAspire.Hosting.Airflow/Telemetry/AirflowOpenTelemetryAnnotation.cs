namespace AirflowAspire.Hosting.Airflow.Telemetry;

/// <summary>WithOpenTelemetry's collector: where every component sends its OTLP/HTTP metrics and traces, locally and when published.</summary>
internal sealed record AirflowOpenTelemetryAnnotation(Uri Endpoint) : IResourceAnnotation;
