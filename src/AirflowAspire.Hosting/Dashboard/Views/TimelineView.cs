using AirflowAspire.Hosting.Orchestration;

namespace AirflowAspire.Hosting.Dashboard.Views;

/// <summary>Every resource's start-up phases; <paramref name="Now"/> is where open phases end on the picture.</summary>
internal sealed record TimelineView(DateTimeOffset Now, IReadOnlyList<ResourceTimeline> Resources);

internal sealed record ResourceTimeline(string Name, ResourceState State, IReadOnlyList<PhaseSpan> Phases);
