using System.Security.Cryptography;
using System.Text;

namespace TracingLab.LabConsole.Hosting;

/// <summary>Compares a presented secret with the expected one in constant time.</summary>
internal static class Secrets
{
    public static bool Matches(string? presented, string? expected) =>
        presented is not null && expected is { Length: > 0 }
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
