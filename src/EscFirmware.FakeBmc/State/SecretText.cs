using System.Security.Cryptography;
using System.Text;

namespace EscFirmware.FakeBmc;

internal static class SecretText
{
    /// <summary>Constant-time comparison, so the fake does not teach clients to rely on timing.</summary>
    public static bool Matches(string expected, string? presented) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
}
