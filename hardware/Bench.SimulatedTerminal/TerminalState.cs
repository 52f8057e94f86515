namespace Bench.SimulatedTerminal;

/// <summary>The terminal's lifecycle; <see cref="TerminalLifecycle"/> lists the allowed transitions.</summary>
public enum TerminalState
{
    Off,
    Booting,
    SigningOn,
    Idle,
    AwaitingCard,
    Connecting,
    SendingReversal,
    AwaitingResponse,
}
