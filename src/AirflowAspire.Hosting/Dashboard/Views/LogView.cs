using AirflowAspire.Hosting.Orchestration;

namespace AirflowAspire.Hosting.Dashboard.Views;

/// <summary>The kept lines of one resource and how many no longer fit.</summary>
internal sealed record LogView(string Resource, int Capacity, long Written, long Dropped, IReadOnlyList<LogLine> Lines);

/// <summary>Sent on the live log stream whenever the count of dropped lines may have changed.</summary>
internal sealed record LogStatus(int Capacity, long Dropped);
