namespace Bench.Host;

/// <summary>
/// Identifies one transaction in the ledger: terminal id + batch (60.2) + STAN. A reversal names
/// its original through field 61 (original batch + original STAN), so it lands on the same key.
/// </summary>
public readonly record struct LedgerKey(string TerminalId, string Batch, string Stan)
{
    public override string ToString() => $"{TerminalId}/{Batch}/{Stan}";
}
