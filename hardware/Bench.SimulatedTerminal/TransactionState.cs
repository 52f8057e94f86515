namespace Bench.SimulatedTerminal;

/// <summary>One sale's lifecycle; <see cref="TransactionLifecycle"/> lists the allowed transitions.</summary>
public enum TransactionState
{
    Started,
    AwaitingCard,
    CardRead,
    Connecting,
    SendingReversal,
    RequestSent,
    ResponseReceived,
    Completed,
    /// <summary>Power was cut before the sale completed.</summary>
    Interrupted,
}
