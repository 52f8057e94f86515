namespace Bench.SimulatedTerminal;

/// <summary>A sale's allowed transitions. Power loss (any state → Interrupted) is forced, outside this table.</summary>
public static class TransactionLifecycle
{
    public static IReadOnlyDictionary<TransactionState, TransactionState[]> Transitions { get; } = new Dictionary<TransactionState, TransactionState[]>
    {
        [TransactionState.Started] = [TransactionState.AwaitingCard],
        [TransactionState.AwaitingCard] = [TransactionState.CardRead, TransactionState.Completed],
        [TransactionState.CardRead] = [TransactionState.Connecting],
        [TransactionState.Connecting] = [TransactionState.SendingReversal, TransactionState.RequestSent, TransactionState.Completed],
        [TransactionState.SendingReversal] = [TransactionState.RequestSent, TransactionState.Completed],
        [TransactionState.RequestSent] = [TransactionState.ResponseReceived, TransactionState.Completed],
        [TransactionState.ResponseReceived] = [TransactionState.Completed],
    }.AsReadOnly();

    public static StateMachine<TransactionState> Create() => new(TransactionState.Started, Transitions);
}
