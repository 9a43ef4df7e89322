namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>
/// The resource does its work and exits (a migration). Exit code 0 is success, not a crash: it is not
/// restarted, and others wait for it with WaitForCompletion. Kubernetes renders it as a Job.
/// </summary>
public sealed record RunOnceAnnotation : IResourceAnnotation;
