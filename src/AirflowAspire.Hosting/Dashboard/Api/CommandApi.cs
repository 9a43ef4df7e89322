using AirflowAspire.Hosting.Dashboard.Security;
using AirflowAspire.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Dashboard.Api;

/// <summary><c>POST .../commands/{start|stop|restart}</c>: handed to the orchestrator, answered when it is done.</summary>
internal static class CommandApi
{
    public static void MapCommandApi(this IEndpointRouteBuilder endpoints, ResourceNotificationService resources, IResourceCommands commands) =>
        endpoints.MapPost(ApiRoutes.Command, async (string name, string command, IHostApplicationLifetime lifetime, ILoggerFactory loggers) =>
        {
            if (resources.Get(name) is not { } snapshot)
            {
                return ApiResults.NoSuchResource(name);
            }

            if (!snapshot.HasLifecycle)
            {
                return Results.Json(new ApiError($"Resource '{name}' cannot be started or stopped."), DashboardJson.Options, statusCode: StatusCodes.Status409Conflict);
            }

            Func<string, CancellationToken, Task>? run = command switch
            {
                "start" => commands.StartAsync,
                "stop" => commands.StopAsync,
                "restart" => commands.RestartAsync,
                _ => null,
            };
            if (run is null)
            {
                return Results.Json(new ApiError($"Unknown command '{command}': use start, stop or restart."), DashboardJson.Options, statusCode: StatusCodes.Status400BadRequest);
            }

            try
            {
                // Not the request's token: leaving the page must not abandon a stop half-way.
                await run(name, lifetime.ApplicationStopping);
                return Results.NoContent();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                loggers.CreateLogger(typeof(CommandApi)).LogWarning("The dashboard's {Command} of {Resource} failed: {Message}", command, name, e.Message);
                return Results.Json(new ApiError($"Could not {command} '{name}': {e.Message}"), DashboardJson.Options, statusCode: StatusCodes.Status500InternalServerError);
            }
        }).AddEndpointFilter<SameOriginCommandFilter>();
}
