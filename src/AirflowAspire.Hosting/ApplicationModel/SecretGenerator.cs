using System.Security.Cryptography;

namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>Random secrets drawn from the character classes a <see cref="GenerateParameterDefault"/> allows.</summary>
internal static class SecretGenerator
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";
    private const string Special = "-_.~!*";

    public static string Generate(GenerateParameterDefault spec)
    {
        var alphabet = (spec.Lower ? Lower : "") + (spec.Upper ? Upper : "") + (spec.Numeric ? Digits : "") + (spec.Special ? Special : "");
        if (alphabet.Length == 0)
        {
            throw new DistributedApplicationException("A generated parameter must allow at least one kind of character.");
        }

        return RandomNumberGenerator.GetString(alphabet, spec.MinLength);
    }
}
