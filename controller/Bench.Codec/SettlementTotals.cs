using System.Globalization;

namespace Bench.Codec;

/// <summary>The totals a settlement (0500) reports in field 48.</summary>
public sealed record SettlementTotals(int DebitCount, long DebitTotalMinorUnits, int CreditCount, long CreditTotalMinorUnits)
{
    /// <summary>n12 debit total, n3 debit count, n12 credit total, n3 credit count, n1 reconciliation flag (0).</summary>
    public string ToField48() => string.Create(CultureInfo.InvariantCulture,
        $"{DebitTotalMinorUnits:D12}{DebitCount:D3}{CreditTotalMinorUnits:D12}{CreditCount:D3}0");
}
