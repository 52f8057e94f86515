using System.Globalization;
using System.Security.Cryptography;

namespace Bench.Results;

/// <summary>
/// Unique run ids that sort by start time: <c>20250314T101502.123Z-9f3a61c2</c>, the UTC start to
/// the millisecond and 32 random bits, so two runs started in the same millisecond still differ.
/// </summary>
public static class RunKeys
{
    public static string New(DateTimeOffset startedAt)
    {
        Span<byte> random = stackalloc byte[4];
        RandomNumberGenerator.Fill(random);
        return string.Create(CultureInfo.InvariantCulture, $"{startedAt.UtcDateTime:yyyyMMdd'T'HHmmss.fff'Z'}-{Convert.ToHexStringLower(random)}");
    }
}
