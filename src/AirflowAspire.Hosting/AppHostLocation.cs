using System.Reflection;
using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting;

/// <summary>Finds the AppHost's name and folder, which <c>dotnet run</c> does not make the working directory.</summary>
internal static class AppHostLocation
{
    /// <summary>Written into the AppHost assembly by Directory.Build.targets.</summary>
    public const string ProjectDirectoryMetadataKey = "AirflowAspireAppHostDirectory";

    private static Assembly? AppHostAssembly => BuilderInterception.AppHostAssembly ?? Assembly.GetEntryAssembly();

    public static string ResolveDirectory(DistributedApplicationOptions options)
    {
        if (!string.IsNullOrEmpty(options.AppHostDirectory))
        {
            return Path.GetFullPath(options.AppHostDirectory);
        }

        var recorded = AppHostAssembly?
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == ProjectDirectoryMetadataKey)?.Value;
        return !string.IsNullOrEmpty(recorded) && Directory.Exists(recorded)
            ? recorded
            : Directory.GetCurrentDirectory();
    }

    public static string ResolveName(DistributedApplicationOptions options)
    {
        if (options.ApplicationName is { } name)
        {
            ResourceNames.ThrowIfInvalid(name, "application");
            return name;
        }

        var fromAssembly = ResourceNames.Sanitize(AppHostAssembly?.GetName().Name);
        return ResourceNames.IsValid(fromAssembly) ? fromAssembly : "app";
    }
}
