using Microsoft.AspNetCore.Http;

namespace AirflowAspire.Hosting.Dashboard.Api;

internal static class ApiResults
{
    public static IResult NoSuchResource(string name) =>
        Results.Json(new ApiError($"There is no resource named '{name}'."), DashboardJson.Options, statusCode: StatusCodes.Status404NotFound);
}
