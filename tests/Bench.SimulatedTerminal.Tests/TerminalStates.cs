namespace Bench.SimulatedTerminal.Tests;

/// <summary>Waiting for the simulated firmware's state, shared by the test rigs.</summary>
internal static class TerminalStates
{
    /// <summary>Waits until <paramref name="terminal"/> is in <paramref name="state"/>: the host seeing a request does not mean the firmware has moved on yet.</summary>
    public static async Task WaitForAsync(SimulatedTerminal terminal, TerminalState state, CancellationToken cancellationToken)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(TerminalState from, TerminalState to)
        {
            if (to == state) reached.TrySetResult();
        }

        terminal.StateChanged += OnChanged;
        try
        {
            // Checked after subscribing, so a change in between is not missed.
            if (terminal.State == state) return;
            await reached.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            terminal.StateChanged -= OnChanged;
        }
    }
}
