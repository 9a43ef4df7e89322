using System.Globalization;
using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>The arguments of <c>docker run</c> (or <c>podman run</c>) for one replica. Never holds an environment value.</summary>
internal static class RunArguments
{
    public static IReadOnlyList<string> Build(RunIdentity run, WorkloadSpec spec, string image, string? envFilePath)
    {
        List<string> arguments =
        [
            "run", "--detach",
            "--name", ContainerLabels.ContainerName(run.ApplicationName, spec.InstanceName),
            "--label", $"{ContainerLabels.Application}={run.ApplicationName}",
            "--label", $"{ContainerLabels.Session}={run.SessionId}",
            "--label", $"{ContainerLabels.Resource}={spec.ResourceName}",
            "--label", $"{ContainerLabels.Instance}={spec.InstanceName}",
            "--network", run.ApplicationName,
            "--hostname", spec.HostName,
            "--network-alias", spec.HostName,
        ];
        if (spec.ResourceName != spec.HostName)
        {
            arguments.AddRange(["--network-alias", spec.ResourceName]);
        }

        foreach (var port in spec.Ports)
        {
            arguments.AddRange(["--publish", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port.HostPort}:{port.TargetPort}")]);
        }

        if (envFilePath is not null)
        {
            arguments.AddRange(["--env-file", envFilePath]);
        }

        foreach (var mount in spec.Mounts)
        {
            arguments.AddRange(Mount(mount));
        }

        if (spec.Entrypoint is { } entrypoint)
        {
            arguments.AddRange(["--entrypoint", entrypoint]);
        }

        arguments.Add(image);
        arguments.AddRange(spec.Args);
        return arguments;
    }

    private static string[] Mount(ContainerMountAnnotation mount) => mount.Type switch
    {
        ContainerMountType.Volume => ["--volume", $"{mount.Source}:{mount.Target}{(mount.IsReadOnly ? ":ro" : "")}"],
        _ =>
        [
            "--mount",
            string.Join(',', new[] { "type=bind", $"source={mount.Source}", $"target={mount.Target}" }
                .Concat(mount.IsReadOnly ? ["readonly"] : Array.Empty<string>())
                .Select(CsvField)),
        ],
    };

    /// <summary><c>--mount</c> is read as CSV: a field with a comma or quote must be quoted, its quotes doubled.</summary>
    private static string CsvField(string field) =>
        field.Contains(',') || field.Contains('"') ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
}
