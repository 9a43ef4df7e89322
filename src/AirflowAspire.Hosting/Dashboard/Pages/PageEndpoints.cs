using AirflowAspire.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AirflowAspire.Hosting.Dashboard.Pages;

/// <summary>The pages: a server-rendered shell each, filled and kept live by its script through the API.</summary>
internal static class PageEndpoints
{
    public static void MapPages(this IEndpointRouteBuilder endpoints, ResourceNotificationService resources)
    {
        endpoints.MapGet("/", () => Html(PageRenderer.Render("resources.html", "resources.js", "Resources", "resources")));

        endpoints.MapGet("/timeline", () => Html(PageRenderer.Render("timeline.html", "timeline.js", "Start-up timeline", "timeline")));

        endpoints.MapGet("/resources/{name}", (string name) => resources.Get(name) is null
            ? NotFound(name)
            : Html(PageRenderer.Render("details.html", "details.js", name, "details", name)));

        endpoints.MapGet("/resources/{name}/logs", (string name) => resources.Get(name) is null
            ? NotFound(name)
            : Html(PageRenderer.Render("logs.html", "logs.js", $"{name} logs", "logs", name)));
    }

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

    private static IResult NotFound(string name) => Results.Content(
        PageRenderer.Render("not-found.html", "common.js", $"No resource named {name}", "not-found", name),
        "text/html; charset=utf-8",
        statusCode: StatusCodes.Status404NotFound);
}
