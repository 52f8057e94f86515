namespace Bench.Campaigns.Checking;

/// <summary>
/// The checker's part of summary.json: how many transactions each class holds (every class, zeros included),
/// each present class's first / worst / last occurrence, the conservation check and the violations.
/// </summary>
/// <param name="Failed">True when money was lost, taken twice or given back twice: <c>bench run</c> exits 1.</param>
public sealed record CheckerSummary(
    int Transactions,
    IReadOnlyDictionary<string, int> Counts,
    bool Failed,
    Conservation Conservation,
    IReadOnlyList<ClassTally> Classes,
    IReadOnlyList<CheckerViolation> Violations)
{
    public static CheckerSummary From(CheckerReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new CheckerSummary(
            report.Transactions.Count,
            Enum.GetValues<TransactionClass>().ToDictionary(MoneyChecker.ClassName, report.CountOf),
            report.Failed,
            report.Conservation,
            report.Classes,
            report.Violations);
    }
}
