namespace Bench.SimulatedTerminal;

/// <summary>The terminal's allowed transitions. Power loss (any state → Off) is forced, outside this table.</summary>
public static class TerminalLifecycle
{
    public static IReadOnlyDictionary<TerminalState, TerminalState[]> Transitions { get; } = new Dictionary<TerminalState, TerminalState[]>
    {
        [TerminalState.Off] = [TerminalState.Booting],
        [TerminalState.Booting] = [TerminalState.SigningOn],
        // A sign-on runs at boot, when the host asks for one after a reply, and inside a sale when the terminal is not signed on.
        [TerminalState.SigningOn] = [TerminalState.Idle, TerminalState.SendingReversal, TerminalState.AwaitingResponse],
        [TerminalState.Idle] = [TerminalState.AwaitingCard, TerminalState.SigningOn],
        [TerminalState.AwaitingCard] = [TerminalState.Connecting, TerminalState.Idle],
        [TerminalState.Connecting] = [TerminalState.SigningOn, TerminalState.SendingReversal, TerminalState.AwaitingResponse, TerminalState.Idle],
        [TerminalState.SendingReversal] = [TerminalState.AwaitingResponse, TerminalState.Idle],
        [TerminalState.AwaitingResponse] = [TerminalState.Idle, TerminalState.SigningOn],
    }.AsReadOnly();

    public static StateMachine<TerminalState> Create() => new(TerminalState.Off, Transitions);
}
