namespace AirflowAspire.TestSupport;

/// <summary>
/// Runs Airflow's <c>AIRFLOW__CORE__FERNET_KEY_CMD</c> the way Airflow runs *_CMD options (shlex-split, no shell)
/// and checks the key it prints with the real <c>cryptography</c> Fernet.
/// </summary>
public static class FernetCommand
{
    private const string DeriveAndCheck = """
        import os, shlex, subprocess, sys
        from cryptography.fernet import Fernet
        args = shlex.split(os.environ["FERNET_CMD"])
        assert args[0] == "python", args[0]
        args[0] = sys.executable
        key = subprocess.check_output(args).decode().strip()
        fernet = Fernet(key)
        assert fernet.decrypt(fernet.encrypt(b"connection password")) == b"connection password"
        print(key)
        """;

    /// <summary>The key the command derives from <paramref name="seed"/>; fails the test when Fernet refuses it.</summary>
    public static string DeriveKey(string python, string command, string seedVariable, string seed)
    {
        var (exitCode, stdout, stderr) = Python.Run(python, DeriveAndCheck, new Dictionary<string, string>
        {
            ["FERNET_CMD"] = command,
            [seedVariable] = seed,
        });
        Xunit.Assert.True(exitCode == 0, $"deriving the key from a seed of length {seed.Length} failed: {stderr}");
        return stdout.Trim();
    }
}
