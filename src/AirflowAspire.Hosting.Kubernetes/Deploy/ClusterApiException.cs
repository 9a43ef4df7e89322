using System.Net;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// A call on one object that the API server refused or could not take, with the server's reason; a user error, which
/// the step reports without a stack trace (<see cref="AirflowAspire.Hosting.Publishing.ReportedFailureStep"/>).
/// </summary>
internal sealed class ClusterApiException(ObjectKey key, string verb, HttpStatusCode? status, string reason, Exception inner)
    : DistributedApplicationException($"Could not {verb} {key}: {reason}", inner)
{
    public ObjectKey Key { get; } = key;

    public string Verb { get; } = verb;

    /// <summary>The HTTP status; null when the server was not reached.</summary>
    public HttpStatusCode? Status { get; } = status;

    public string Reason { get; } = reason;

    /// <summary>For an apply refused with 409 Conflict: each field another manager set, with that manager.</summary>
    public IReadOnlyList<string> Conflicts { get; init; } = [];
}
