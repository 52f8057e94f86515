namespace Bench.Hardware.Simulation.Pstn;

/// <summary>
/// A subscriber line of the <see cref="PhoneExchange"/> with at most one modem plugged in. A line through the
/// rig's line relay follows <see cref="WiringHarness.PhoneLineChanged"/>: the relay's pins, decoded by the
/// harness, are the only way the rig cuts it. A line without a relay is always connected.
/// </summary>
public sealed class PhoneLine : IDisposable
{
    private readonly Lock gate = new();
    private readonly WiringHarness? relay;
    private TaskCompletionSource connectedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool connected;
    private bool changedSinceSubscribing;
    private SimulatedHayesModem? modem;
    private bool disposed;

    internal PhoneLine(PhoneExchange exchange, string number, WiringHarness? relay)
    {
        Exchange = exchange;
        Number = number;
        this.relay = relay;
        if (relay is null)
        {
            connected = true;
            connectedSignal.TrySetResult();
            return;
        }

        relay.PhoneLineChanged += OnRelayChanged;
        var initial = relay.IsPhoneLineConnected;
        lock (gate)
        {
            // A change announced between subscribing and reading is newer than the read.
            if (!changedSinceSubscribing) SetConnected(initial);
        }
    }

    /// <summary>The line's number (digits only).</summary>
    public string Number { get; }

    /// <summary>The exchange the line belongs to.</summary>
    public PhoneExchange Exchange { get; }

    /// <summary>True while the line is connected to the exchange (its relay closed).</summary>
    public bool IsConnected
    {
        get { lock (gate) return connected; }
    }

    /// <summary>The modem plugged into this line, if any.</summary>
    public SimulatedHayesModem? Modem
    {
        get { lock (gate) return modem; }
    }

    /// <summary>Raised, outside the line's lock, each time the line is cut or restored.</summary>
    internal event Action<PhoneLine>? Changed;

    /// <summary>Completes when the line is (or becomes) connected.</summary>
    internal Task WhenConnected()
    {
        lock (gate) return connectedSignal.Task;
    }

    internal void Plug(SimulatedHayesModem plugged)
    {
        lock (gate)
        {
            if (modem is not null && modem != plugged)
                throw new InvalidOperationException($"line {Number} already has a modem plugged in");
            modem = plugged;
        }
    }

    internal void Unplug(SimulatedHayesModem unplugged)
    {
        lock (gate)
        {
            if (modem == unplugged) modem = null;
        }
    }

    /// <summary>Takes the line out of the exchange and stops following the relay.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
        }
        if (relay is not null) relay.PhoneLineChanged -= OnRelayChanged;
        Exchange.Remove(this);
    }

    // Runs under the GPIO driver's lock: quick, and never waits.
    private void OnRelayChanged(object? sender, CircuitChange change)
    {
        lock (gate)
        {
            changedSinceSubscribing = true;
            if (!SetConnected(change.IsOn)) return;
        }
        Changed?.Invoke(this);
    }

    // Under the gate; true when the state changed.
    private bool SetConnected(bool value)
    {
        if (value == connected) return false;
        connected = value;
        if (value) connectedSignal.TrySetResult();
        else connectedSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return true;
    }
}
