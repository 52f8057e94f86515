using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal;

/// <summary>What the firmware knows about the sale it is running.</summary>
internal sealed class SaleInProgress(long amount, DateTimeOffset startedAt, StateMachine<TransactionState> transaction)
{
    // Only the firmware thread that runs the sale touches it.
    private bool ended;

    public long Amount { get; } = amount;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public StateMachine<TransactionState> Transaction { get; } = transaction;
    public string? Stan { get; set; }

    /// <summary>True the first time it is called, false after: the sale frees the terminal only once.</summary>
    public bool MarkEnded()
    {
        if (ended) return false;
        ended = true;
        return true;
    }

    public TransactionResult Ended(EcrSaleOutcome outcome, TimeProvider time) =>
        new(Amount, outcome, Stan, StartedAt, time.GetUtcNow());
}
