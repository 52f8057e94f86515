namespace Bench.Campaigns.Checking;

/// <summary>The checker's finding for a run: every transaction judged, each class tallied, the violations, and the conservation check.</summary>
public sealed record CheckerReport(
    IReadOnlyList<TransactionVerdict> Transactions,
    IReadOnlyList<ClassTally> Classes,
    IReadOnlyList<CheckerViolation> Violations,
    Conservation Conservation)
{
    /// <summary>The classes that fail a run (<c>bench run</c> exits 1).</summary>
    public static IReadOnlyList<TransactionClass> FatalClasses { get; } =
        [TransactionClass.OrphanDebit, TransactionClass.DuplicateDebit, TransactionClass.DoubleReversal];

    public int CountOf(TransactionClass transactionClass) => Transactions.Count(transaction => transaction.Class == transactionClass);

    /// <summary>True when money was lost, taken twice or given back twice.</summary>
    public bool Failed => Transactions.Any(transaction => FatalClasses.Contains(transaction.Class));
}
