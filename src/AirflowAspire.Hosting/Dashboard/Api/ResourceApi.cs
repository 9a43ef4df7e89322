using AirflowAspire.Hosting.Dashboard.Security;
using AirflowAspire.Hosting.Dashboard.Views;
using AirflowAspire.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AirflowAspire.Hosting.Dashboard.Api;

/// <summary>The resources: the list, its live changes, one resource's details, and one secret on request.</summary>
internal static class ResourceApi
{
    public static void MapResourceApi(this IEndpointRouteBuilder endpoints, ResourceNotificationService resources)
    {
        endpoints.MapGet(ApiRoutes.Resources, () =>
        {
            var all = resources.GetAll();
            var redactor = SecretRedactor.From(all);
            return Results.Json(all.Select(r => ResourceSummary.From(r, redactor)), DashboardJson.Options);
        });

        endpoints.MapGet(ApiRoutes.ResourceStream, (HttpContext context) =>
            EventStream.RunAsync(context, resources.WatchAsync(context.RequestAborted), (stream, snapshot, ct) =>
                stream.WriteAsync("resource", ResourceSummary.From(snapshot, SecretRedactor.From(resources.GetAll())), ct)));

        endpoints.MapGet(ApiRoutes.Resource, (string name) =>
            resources.Get(name) is { } snapshot
                ? Results.Json(ResourceDetails.From(snapshot, SecretRedactor.From(resources.GetAll())), DashboardJson.Options)
                : ApiResults.NoSuchResource(name));

        // A POST with the anti-forgery header: revealing a secret is an action the page takes on a click.
        endpoints.MapPost(ApiRoutes.RevealVariable, (string name, string variable) =>
        {
            if (resources.Get(name) is not { } snapshot)
            {
                return ApiResults.NoSuchResource(name);
            }

            return snapshot.Environment.FirstOrDefault(e => e.Name == variable) is { } found
                ? Results.Json(new RevealedVariable(found.Name, found.Value), DashboardJson.Options)
                : Results.Json(new ApiError($"Resource '{name}' has no environment variable '{variable}'."), DashboardJson.Options, statusCode: StatusCodes.Status404NotFound);
        }).AddEndpointFilter<SameOriginCommandFilter>();
    }
}
