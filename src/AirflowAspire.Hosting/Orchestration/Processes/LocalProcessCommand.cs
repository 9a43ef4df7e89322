namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>An executable with its arguments and the variables it adds to the host's environment.</summary>
/// <param name="Executable">A full path, or a name looked up on PATH.</param>
/// <param name="Args">Never secrets: any user of the machine can read them with ps.</param>
public sealed record LocalProcessCommand(string Executable, IReadOnlyList<string> Args)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Written to the command's standard input, then closed: the way to hand it a secret.</summary>
    public string? StandardInput { get; init; }

    /// <summary>The command line as the resource's log shows it.</summary>
    public override string ToString() =>
        string.Join(' ', new[] { Executable }.Concat(Args).Select(a => a.Length > 0 && !a.Any(char.IsWhiteSpace) ? a : $"'{a}'"));
}
