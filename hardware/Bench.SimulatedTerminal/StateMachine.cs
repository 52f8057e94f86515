namespace Bench.SimulatedTerminal;

/// <summary>
/// An explicit state machine over an enum: a move not in the transition table throws, so a
/// firmware logic error shows up as an exception in a test rather than as a silently odd terminal.
/// Thread-safe.
/// </summary>
public sealed class StateMachine<TState> where TState : struct, Enum
{
    private readonly IReadOnlyDictionary<TState, TState[]> transitions;
    private readonly Lock gate = new();
    private TState state;

    public StateMachine(TState initial, IReadOnlyDictionary<TState, TState[]> transitions)
    {
        state = initial;
        this.transitions = transitions;
    }

    /// <summary>Raised after each move with the old and new state.</summary>
    public event Action<TState, TState>? Changed;

    public TState State
    {
        get { lock (gate) return state; }
    }

    public void MoveTo(TState next)
    {
        TState previous;
        lock (gate)
        {
            previous = state;
            if (!transitions.TryGetValue(state, out var allowed) || !allowed.Contains(next))
                throw new InvalidOperationException($"{typeof(TState).Name}: no transition {state} → {next}");
            state = next;
        }
        Changed?.Invoke(previous, next);
    }

    /// <summary>A move that is always allowed (power loss), outside the table.</summary>
    public void Force(TState next)
    {
        TState previous;
        lock (gate)
        {
            previous = state;
            state = next;
        }
        if (!EqualityComparer<TState>.Default.Equals(previous, next)) Changed?.Invoke(previous, next);
    }
}
