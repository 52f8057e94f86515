using Bench.Campaigns.Checking;
using Bench.Campaigns.Experiments;

namespace Bench.Campaigns.Expectations;

/// <summary>
/// The measured quantity of an expectation, as summary.json names it (<c>threshold</c>, <c>orphanDebit</c> …).
/// </summary>
/// <param name="TransactionClass">The money class counted; set only for <see cref="ExpectationQuantityKind.TransactionCount"/>.</param>
public sealed record ExpectationQuantity(ExpectationQuantityKind Kind, TransactionClass? TransactionClass = null)
{
    public const string TransactionsUnit = "transactions";

    public const string ViolationsUnit = "violations";

    public static ExpectationQuantity Threshold { get; } = new(ExpectationQuantityKind.Threshold);

    public static ExpectationQuantity ThresholdFound { get; } = new(ExpectationQuantityKind.ThresholdFound);

    public static ExpectationQuantity MoveFromBaseline { get; } = new(ExpectationQuantityKind.MoveFromBaseline);

    public static ExpectationQuantity ProtocolViolations { get; } = new(ExpectationQuantityKind.ProtocolViolations);

    public static ExpectationQuantity TransactionsOf(TransactionClass transactionClass) => new(ExpectationQuantityKind.TransactionCount, transactionClass);

    /// <summary>The quantity's name in summary.json: a money class is named as the checker names it.</summary>
    public string Name => Kind switch
    {
        ExpectationQuantityKind.Threshold => "threshold",
        ExpectationQuantityKind.ThresholdFound => "thresholdFound",
        ExpectationQuantityKind.MoveFromBaseline => "moveFromBaseline",
        ExpectationQuantityKind.ProtocolViolations => "protocolViolations",
        _ => MoneyChecker.ClassName(TransactionClass ?? throw new InvalidOperationException("a transaction count names its money class")),
    };

    /// <summary>The unit measured values and limits are in: the experiment kind's for thresholds, a count otherwise.</summary>
    public string UnitFor(ExperimentKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return Kind switch
        {
            ExpectationQuantityKind.TransactionCount => TransactionsUnit,
            ExpectationQuantityKind.ProtocolViolations => ViolationsUnit,
            _ => kind.ParameterUnit,
        };
    }

    /// <summary>True for quantities whose unit depends on the experiment's kind (so they cannot be set campaign-wide).</summary>
    public bool InKindUnit => Kind is ExpectationQuantityKind.Threshold or ExpectationQuantityKind.MoveFromBaseline;
}
