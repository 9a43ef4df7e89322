namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>The app and session a runtime works for, set by PrepareAsync; every object it makes is labelled with them.</summary>
internal sealed record RunIdentity(string ApplicationName, string SessionId);
