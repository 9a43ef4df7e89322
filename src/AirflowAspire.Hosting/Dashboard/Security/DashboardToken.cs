using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace AirflowAspire.Hosting.Dashboard.Security;

/// <summary>Random secrets for the login token and the session cookie, and a comparison that leaks no timing.</summary>
internal static class DashboardToken
{
    public static string Generate() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static bool Matches(string? candidate, string expected)
    {
        if (candidate is null)
        {
            return false;
        }

        // FixedTimeEquals returns early on a length mismatch; hashing first makes every comparison the same length.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(candidate)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
