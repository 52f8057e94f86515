using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal;

/// <summary>What the firmware knows about the sale it is running.</summary>
internal sealed class SaleInProgress(long amount, DateTimeOffset startedAt, StateMachine<TransactionState> transaction)
{
    public long Amount { get; } = amount;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public StateMachine<TransactionState> Transaction { get; } = transaction;
    public string? Stan { get; set; }

    public TransactionResult Ended(EcrSaleOutcome outcome, TimeProvider time) =>
        new(Amount, outcome, Stan, StartedAt, time.GetUtcNow());
}
