using AirflowAspire.Hosting.Dashboard.Views;
using AirflowAspire.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AirflowAspire.Hosting.Dashboard.Api;

/// <summary>The start-up phases of every resource that has any.</summary>
internal static class TimelineApi
{
    public static void MapTimelineApi(this IEndpointRouteBuilder endpoints, ResourceNotificationService resources, TimeProvider time) =>
        endpoints.MapGet(ApiRoutes.Timeline, () =>
        {
            var rows = resources.GetAll()
                .Where(r => r.Timeline.Count > 0)
                .Select(r => new ResourceTimeline(r.Name, r.State, r.Timeline))
                .ToList();
            return Results.Json(new TimelineView(time.GetUtcNow(), rows), DashboardJson.Options);
        });
}
