using Bench.Host;

namespace Bench.Campaigns.Checking;

/// <summary>Ledger keys as the checker spells them.</summary>
public static class LedgerKeys
{
    /// <summary>The batch of a sale whose request never reached the host: only the terminal knew it.</summary>
    public const string UnknownBatch = "?";

    public static bool ReachedHost(LedgerKey key) => key.Batch != UnknownBatch;
}
