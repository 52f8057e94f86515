using System.Text.Json;

namespace Bench.Reports;

/// <summary>The lost-money checker's part of the summary document: transactions per class, conservation, violations.</summary>
/// <param name="Failed">True when money was lost, taken twice or given back twice.</param>
public sealed record CheckerFindings(
    int Transactions,
    IReadOnlyList<(string Class, int Count)> Counts,
    bool Failed,
    long? HostNetDebitsMinorUnits,
    long? ApprovedReceiptsMinorUnits,
    IReadOnlyList<CheckerViolationEntry> Violations)
{
    public bool Balanced => HostNetDebitsMinorUnits == ApprovedReceiptsMinorUnits;

    public static CheckerFindings Read(JsonElement element)
    {
        var counts = JsonValues.Property(element, "counts") is { ValueKind: JsonValueKind.Object } map
            ? map.EnumerateObject().Where(entry => entry.Value.ValueKind == JsonValueKind.Number)
                .Select(entry => (entry.Name, entry.Value.TryGetInt32(out var count) ? count : 0)).ToList()
            : [];
        var conservation = JsonValues.Property(element, "conservation");
        return new CheckerFindings(
            (int)(JsonValues.Number(element, "transactions") ?? 0),
            counts,
            JsonValues.Flag(element, "failed"),
            conservation is { } host ? (long?)JsonValues.Number(host, "hostNetDebitsMinorUnits") : null,
            conservation is { } receipts ? (long?)JsonValues.Number(receipts, "approvedReceiptsMinorUnits") : null,
            JsonValues.Array(element, "violations").Select(CheckerViolationEntry.Read).ToList());
    }
}
