namespace Bench.Hardware.Simulation.Pstn;

/// <summary>
/// One call between two modems across their lines. It rings until answered, trains, then carries bytes
/// each way at the line rate (<see cref="WireDirection"/>). Carrier reaches a modem while the far modem is
/// still on the call and both lines are connected; every change is announced to both modems on the thread
/// pool, so no lock of the call (or the GPIO driver, whose thread cuts lines) is held while a modem reacts.
/// </summary>
/// <remarks>
/// Time on the wire only passes while both lines are connected (<see cref="UpTime"/>): a short cut holds the
/// bytes in flight back by its length instead of losing them, as an error-correcting modem would.
/// </remarks>
internal sealed class PhoneCall
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly TimeSpan trainingDuration;
    private readonly TaskCompletionSource<bool> established = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource dataFlow = new();
    private CallPhase phase = CallPhase.Ringing;
    private bool callerOn = true;
    private bool calleeOn = true;
    private bool answered;
    private bool linesUp;
    private long connectedAt;
    private long downSince;
    private TimeSpan downTotal;
    private TaskCompletionSource linesUpSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? training;
    private WireDirection? toCallee;
    private WireDirection? toCaller;

    public PhoneCall(
        SimulatedHayesModem caller, PhoneLine callerLine, SimulatedHayesModem callee, PhoneLine calleeLine,
        TimeProvider time, int lineRate, TimeSpan trainingDuration)
    {
        Caller = caller;
        CallerLine = callerLine;
        Callee = callee;
        CalleeLine = calleeLine;
        this.time = time;
        LineRate = lineRate;
        this.trainingDuration = trainingDuration;
        lock (gate)
        {
            callerLine.Changed += OnLineChanged;
            calleeLine.Changed += OnLineChanged;
            UpdateLines();
        }
    }

    public SimulatedHayesModem Caller { get; }

    public SimulatedHayesModem Callee { get; }

    public PhoneLine CallerLine { get; }

    public PhoneLine CalleeLine { get; }

    /// <summary>The rate both modems trained to.</summary>
    public int LineRate { get; }

    /// <summary>Completes true when the call is connected (trained), false if it ended before.</summary>
    public Task<bool> Established => established.Task;

    public bool IsAnswered
    {
        get { lock (gate) return answered; }
    }

    public bool HasEnded
    {
        get { lock (gate) return phase == CallPhase.Ended; }
    }

    /// <summary>The called modem answers: training starts, and both ends connect when it is over.</summary>
    public void Answer()
    {
        lock (gate)
        {
            if (phase != CallPhase.Ringing) return;
            phase = CallPhase.Training;
            answered = true;
            training = time.CreateTimer(_ => OnTrained(), null, trainingDuration, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>True while <paramref name="modem"/> hears the far modem's carrier.</summary>
    public bool HasCarrierFor(SimulatedHayesModem modem)
    {
        lock (gate)
            return phase == CallPhase.Connected && linesUp && (modem == Caller ? calleeOn : callerOn);
    }

    /// <summary>
    /// <paramref name="modem"/> leaves the call (hang-up, power loss, carrier loss): it stops sending carrier and
    /// no more bytes flow either way. Before the answer this ends the call for both.
    /// </summary>
    public void Leave(SimulatedHayesModem modem)
    {
        lock (gate)
        {
            if (phase == CallPhase.Ended) return;
            if (modem == Caller) callerOn = false;
            else calleeOn = false;
            if (phase != CallPhase.Connected || (!callerOn && !calleeOn)) End();
        }
        // Outside the lock: cancellation runs the pumps' continuations inline.
        dataFlow.Cancel();
        established.TrySetResult(false);
        Announce();
    }

    /// <summary>Queues bytes from <paramref name="from"/> for the far end.</summary>
    public void Transmit(SimulatedHayesModem from, ReadOnlySpan<byte> data)
    {
        WireDirection? direction;
        lock (gate) direction = phase == CallPhase.Connected ? (from == Caller ? toCallee : toCaller) : null;
        direction?.Enqueue(data);
    }

    /// <summary>Completes when every byte <paramref name="from"/> queued has reached the far end, or can no longer.</summary>
    public Task DrainAsync(SimulatedHayesModem from)
    {
        WireDirection? direction;
        lock (gate) direction = from == Caller ? toCallee : toCaller;
        return direction?.DrainAsync() ?? Task.CompletedTask;
    }

    /// <summary>Time on the wire since the call connected: terminal time minus every cut of either line.</summary>
    public TimeSpan UpTime()
    {
        lock (gate)
        {
            if (connectedAt == 0) return TimeSpan.Zero;
            var now = time.GetTimestamp();
            var down = downTotal + (linesUp ? TimeSpan.Zero : time.GetElapsedTime(downSince, now));
            return time.GetElapsedTime(connectedAt, now) - down;
        }
    }

    /// <summary>Completes when both lines are connected.</summary>
    public Task WhenLinesUp()
    {
        lock (gate) return linesUpSignal.Task;
    }

    private void OnTrained()
    {
        lock (gate)
        {
            if (phase != CallPhase.Training) return;
            phase = CallPhase.Connected;
            // A zero timestamp means "not connected yet" to the other members.
            connectedAt = Math.Max(1, time.GetTimestamp());
            if (!linesUp) downSince = connectedAt;
            var byteTime = TimeSpan.FromTicks(10 * TimeSpan.TicksPerSecond / LineRate);
            toCallee = new WireDirection(this, Callee, byteTime, time, dataFlow.Token);
            toCaller = new WireDirection(this, Caller, byteTime, time, dataFlow.Token);
        }
        established.TrySetResult(true);
        Announce();
    }

    private void OnLineChanged(PhoneLine line)
    {
        lock (gate)
        {
            if (phase == CallPhase.Ended) return;
            UpdateLines();
        }
        Announce();
    }

    // Under the gate.
    private void UpdateLines()
    {
        var up = CallerLine.IsConnected && CalleeLine.IsConnected;
        if (up == linesUp) return;
        linesUp = up;
        var now = time.GetTimestamp();
        if (up)
        {
            if (connectedAt != 0) downTotal += time.GetElapsedTime(downSince, now);
            linesUpSignal.TrySetResult();
        }
        else
        {
            downSince = now;
            linesUpSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    // Under the gate.
    private void End()
    {
        phase = CallPhase.Ended;
        training?.Dispose();
        CallerLine.Changed -= OnLineChanged;
        CalleeLine.Changed -= OnLineChanged;
        linesUpSignal.TrySetResult();
    }

    private void Announce()
    {
        ThreadPool.QueueUserWorkItem(call => call.Caller.OnCallChanged(call), this, preferLocal: false);
        ThreadPool.QueueUserWorkItem(call => call.Callee.OnCallChanged(call), this, preferLocal: false);
    }
}
