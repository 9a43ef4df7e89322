using System.Text.RegularExpressions;

namespace AirflowAspire.TestSupport;

/// <summary>
/// Runs Airflow's <c>AIRFLOW__CORE__FERNET_KEY_CMD</c> as Airflow runs <c>_CMD</c> options
/// (<see cref="AirflowCommandOption"/>) and checks the value with the real <c>cryptography</c> Fernet, which Airflow's
/// <c>get_fernet</c> (airflow-core <c>models/crypto.py</c>) builds from it.
/// </summary>
public static partial class FernetCommand
{
    private const string CheckKey = """
        import os
        from cryptography.fernet import Fernet
        fernet = Fernet(os.environ["FERNET_KEY"].encode("utf-8"))
        assert fernet.decrypt(fernet.encrypt(b"connection password")) == b"connection password"
        """;

    /// <summary>
    /// The key the command derives from <paramref name="seed"/>, exactly as Airflow reads it; fails the test when it
    /// is not the bare url-safe base64 of 32 bytes (Fernet's decoder skips a trailing newline, so that is checked
    /// on the text) or Fernet refuses it.
    /// </summary>
    public static string DeriveKey(string python, string command, string seedVariable, string seed)
    {
        var key = AirflowCommandOption.Evaluate(python, command, new Dictionary<string, string> { [seedVariable] = seed });
        Xunit.Assert.Matches(BareKey(), key);
        var (exitCode, _, stderr) = Python.Run(python, CheckKey, new Dictionary<string, string> { ["FERNET_KEY"] = key });
        Xunit.Assert.True(exitCode == 0, $"Fernet refused the key derived from a seed of length {seed.Length}: {stderr}");
        return key;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{43}=\z")]
    private static partial Regex BareKey();
}
