namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>
/// Whether one CLI can run containers here: it must be installed, and its engine must answer. When not, the
/// description says which of the two is missing and what to do about it.
/// </summary>
internal static class ContainerEngineCheck
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);

    public static async Task<RuntimeAvailability> CheckAsync(string name, CancellationToken cancellationToken)
    {
        if (ExecutableLookup.Find(name, Environment.GetEnvironmentVariable("PATH")) is null)
        {
            return RuntimeAvailability.Unavailable($"{name} is not installed (not found on PATH). {HowToInstall(name)}");
        }

        // docker asks the daemon; podman's info works without a service on Linux and asks the VM elsewhere.
        string[] question = name == "podman"
            ? ["info", "--format", "{{.Version.Version}}"]
            : ["version", "--format", "{{.Server.Version}}"];
        CliResult answer;
        try
        {
            answer = await new ContainerCli(name).RunAsync(question, cancellationToken, AnswerTimeout);
        }
        catch (Exception e) when (e is TimeoutException or ContainerCliException)
        {
            return RuntimeAvailability.Unavailable($"{name} is installed, but its engine does not answer: {e.Message} {HowToStart(name)}");
        }

        var version = answer.StandardOutput.Trim();
        if (!answer.Succeeded || version.Length == 0)
        {
            return RuntimeAvailability.Unavailable(
                $"{name} is installed, but its engine does not answer: {FirstLine(answer.Message)} {HowToStart(name, answer.Message)}");
        }

        return RuntimeAvailability.Available($"{name} (engine {version})");
    }

    public static string HowToInstall(string name) => name == "podman"
        ? "Install Podman: `apt-get install podman` on Debian or Ubuntu, or see https://podman.io/docs/installation."
        : "Install Docker: `apt-get install docker.io` on Debian or Ubuntu, or Docker Desktop (https://docs.docker.com/get-docker/).";

    private static string HowToStart(string name, string message = "")
    {
        if (message.Contains("permission denied", StringComparison.OrdinalIgnoreCase))
        {
            return name == "podman"
                ? "Check that your user may run podman (`podman info`)."
                : "Your user may not use the Docker socket: add it to the docker group (`sudo usermod -aG docker $USER`, then log in again), or run as root.";
        }

        return name == "podman"
            ? "Start it: on macOS or Windows `podman machine start`; on Linux check `podman info`."
            : "Start it: on Linux `sudo systemctl start docker` (or run `sudo dockerd` where there is no systemd); on macOS or Windows start Docker Desktop.";
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        if (line.Length == 0)
        {
            return "it printed nothing.";
        }

        return char.IsPunctuation(line[^1]) ? line : line + ".";
    }
}
