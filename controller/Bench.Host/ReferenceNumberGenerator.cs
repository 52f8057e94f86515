using System.Globalization;

namespace Bench.Host;

/// <summary>
/// Issues retrieval reference numbers (12 digits, unique per host for 10⁸ approvals: a 4-digit
/// prefix from the start time keeps restarts apart) and 6-digit authorization codes. Thread-safe.
/// </summary>
public sealed class ReferenceNumberGenerator(TimeProvider clock)
{
    private readonly string prefix = (clock.GetUtcNow().ToUnixTimeSeconds() % 10_000).ToString("D4", CultureInfo.InvariantCulture);
    private long issued;

    public (string RetrievalReferenceNumber, string AuthorizationCode) Next()
    {
        var number = Interlocked.Increment(ref issued);
        return (
            prefix + (number % 100_000_000).ToString("D8", CultureInfo.InvariantCulture),
            (number % 1_000_000).ToString("D6", CultureInfo.InvariantCulture));
    }
}
