using System.Text;
using System.Threading.Channels;
using Bench.Hardware.Nac;
using Bench.Hardware.Simulation.I2c;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.Hardware.Simulation.Pstn;

/// <summary>
/// A simulated Hayes AT modem (V.22 / Bell 212 class) plugged into a <see cref="PhoneLine"/>. Its serial
/// side is a stream, normally the master of a <see cref="PseudoTerminalPair"/> whose slave the DTE (the
/// terminal firmware, or the bench's NAC) opens with <c>System.IO.Ports.SerialPort</c>. Command mode takes
/// AT commands (see <c>SimulatedHayesModem.Commands.cs</c>); after <c>CONNECT</c> the serial bytes go down
/// the line at the line rate and <c>+++</c> between guard times (S12) returns to command mode. Carrier is
/// signalled in-band: a cut longer than S10 ends the call with <c>NO CARRIER</c>. Every timer runs on the
/// modem's <see cref="TimeProvider"/> (terminal time), shared by both ends of a call.
/// </summary>
/// <remarks>
/// A modem on a terminal's supply draws its transmit current while it is off-hook (dialling, answering, online,
/// escaped to online command mode), not per byte: its DTMF and handshake tones, then a V.22 carrier that it sends
/// without pause until it hangs up (an idle line carries scrambled ones), keep the line driver busy for the whole
/// call; waiting for dial tone, its line interface is already powered. On-hook, ringing or unpowered it draws none.
/// </remarks>
public sealed partial class SimulatedHayesModem : IAsyncDisposable
{
    private readonly Stream serial;
    private readonly PhoneLine line;
    private readonly TimeProvider time;
    private readonly SimulatedModemOptions options;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly Channel<SerialOutput> output = Channel.CreateUnbounded<SerialOutput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task reader;
    private readonly Task writer;
    private readonly SimulatedTerminalSupply? supply;
    private HayesModemState state;
    private int generation;
    private PhoneCall? call;
    private CancellationTokenSource? attempt;
    private bool attemptAbortedByKey;
    private ITimer? ringTimer;
    private ITimer? carrierLossTimer;
    private ITimer? escapeTimer;
    private int escapeCount;
    private long lastInputTimestamp;
    private int disposed;
    private IDisposable? transmitBurst;

    /// <summary>Plugs a modem into <paramref name="line"/> and starts serving its serial side.</summary>
    /// <param name="serial">The modem's serial side (a pty master); not owned.</param>
    /// <param name="line">The line it is plugged into; one modem per line.</param>
    /// <param name="timeProvider">Terminal time, shared with the modem at the other end of every call.</param>
    /// <param name="options">Line rate, dial and training durations.</param>
    /// <param name="logger">Where state changes are logged (debug).</param>
    /// <param name="powered">False to start unpowered (<see cref="SetPowered"/> switches it on).</param>
    /// <param name="supply">The terminal's supply the modem draws its transmit current from; null for a modem on its own supply.</param>
    public SimulatedHayesModem(
        Stream serial, PhoneLine line, TimeProvider timeProvider, SimulatedModemOptions? options = null,
        ILogger? logger = null, bool powered = true, SimulatedTerminalSupply? supply = null)
    {
        ArgumentNullException.ThrowIfNull(serial);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.options = options ?? new SimulatedModemOptions();
        this.options.Validate();
        this.serial = serial;
        this.line = line;
        time = timeProvider;
        this.logger = logger ?? NullLogger.Instance;
        this.supply = supply;
        ResetRegisters();
        state = powered ? HayesModemState.Command : HayesModemState.Off;
        line.Plug(this);
        reader = Task.Run(ReadSerialAsync);
        writer = Task.Run(WriteSerialAsync);
    }

    /// <summary>The number of the line the modem is plugged into.</summary>
    public string Number => line.Number;

    /// <summary>The line the modem is plugged into.</summary>
    public PhoneLine Line => line;

    /// <summary>The rate the modem trains to (the lower of both ends in a call).</summary>
    public int LineRate => options.LineRate;

    public HayesModemState State
    {
        get { lock (gate) return state; }
    }

    public bool IsPowered
    {
        get { lock (gate) return state != HayesModemState.Off; }
    }

    /// <summary>True while the modem is off-hook and so transmits (tones, training, carrier).</summary>
    public bool IsTransmitting
    {
        get { lock (gate) return IsOffHook(state); }
    }

    /// <summary>
    /// Switches the modem's supply. Off: it drops any call at once (the far end loses carrier), forgets its
    /// settings and says nothing more. On: it starts in command mode with factory settings.
    /// </summary>
    public void SetPowered(bool powered)
    {
        PhoneCall? dropped = null;
        CancellationTokenSource? aborted = null;
        lock (gate)
        {
            if (powered == (state != HayesModemState.Off)) return;
            generation++;
            if (powered)
            {
                ResetRegisters();
                EnterState(HayesModemState.Command);
            }
            else
            {
                dropped = call;
                aborted = attempt;
                ClearCall();
                EnterState(HayesModemState.Off);
            }
        }
        logger.LogDebug("Modem {Number} power {Power}", Number, powered ? "on" : "off");
        aborted?.Cancel();
        dropped?.Leave(this);
    }

    /// <summary>The value of register S<paramref name="number"/>.</summary>
    public int GetRegister(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(number, RegisterCount);
        lock (gate) return registers[number];
    }

    /// <summary>Unplugs the modem, drops its call and stops serving the serial side (which stays open).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        SetPowered(false);
        await stopping.CancelAsync();
        output.Writer.TryComplete();
        await Task.WhenAll(reader, writer).ConfigureAwait(false);
        line.Unplug(this);
        stopping.Dispose();
    }

    /// <summary>The exchange offers an incoming call. False when busy (the caller hears BUSY).</summary>
    internal bool TryOffer(PhoneCall incoming)
    {
        lock (gate)
        {
            // An unpowered modem lets the line ring unanswered.
            if (state == HayesModemState.Off) return true;
            if (state != HayesModemState.Command) return false;
            call = incoming;
            EnterState(HayesModemState.Ringing);
            registers[RingCountRegister] = 0;
            var ringing = generation;
            ringTimer = time.CreateTimer(_ => OnRing(incoming, ringing), null, TimeSpan.Zero, options.RingInterval);
        }
        logger.LogDebug("Modem {Number} ringing", Number);
        return true;
    }

    /// <summary>Something about <paramref name="changed"/> changed (answer, carrier, hang-up): re-evaluate.</summary>
    internal void OnCallChanged(PhoneCall changed)
    {
        lock (gate)
        {
            if (call != changed) return;
            if (state == HayesModemState.Ringing && changed.HasEnded)
            {
                // The caller gave up: the ringing stops, nothing is reported.
                ClearCall();
                EnterState(HayesModemState.Command);
                return;
            }
            if (state is HayesModemState.Online or HayesModemState.OnlineCommand) EvaluateCarrier();
        }
    }

    /// <summary>Bytes from the far end reached this modem: in data mode they go to the serial side.</summary>
    internal void DeliverFromWire(PhoneCall from, byte[] data)
    {
        lock (gate)
        {
            // In online command mode a modem discards what the line brings.
            if (call == from && state == HayesModemState.Online) Send(data);
        }
    }

    private async Task ReadSerialAsync()
    {
        var buffer = new byte[512];
        try
        {
            while (true)
            {
                var read = await serial.ReadAsync(buffer, stopping.Token);
                if (read == 0) return;
                var now = time.GetTimestamp();
                var pending = buffer.AsMemory(0, read);
                while (!pending.IsEmpty)
                {
                    int consumed;
                    string? command;
                    CancellationTokenSource? abort;
                    int commandGeneration;
                    lock (gate)
                    {
                        consumed = Accept(pending.Span, now, out command, out abort);
                        commandGeneration = generation;
                    }
                    pending = pending[consumed..];
                    abort?.Cancel();
                    if (command is not null) await ExecuteAsync(command, commandGeneration);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            logger.LogDebug("Modem {Number} serial side closed: {Reason}", Number, exception.Message);
        }
    }

    private async Task WriteSerialAsync()
    {
        try
        {
            await foreach (var item in output.Reader.ReadAllAsync(stopping.Token))
            {
                // Output queued before a power cut never leaves the modem.
                if (item.Generation != Volatile.Read(ref generation)) continue;
                await serial.WriteAsync(item.Bytes, stopping.Token);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            logger.LogDebug("Modem {Number} serial side closed: {Reason}", Number, exception.Message);
        }
    }

    // Under the gate. Takes what the serial side sent, up to the end of a command line; returns how much it took.
    private int Accept(ReadOnlySpan<byte> input, long now, out string? command, out CancellationTokenSource? abort)
    {
        command = null;
        abort = null;
        switch (state)
        {
            case HayesModemState.Off:
                return input.Length;
            case HayesModemState.Online:
                AcceptData(input, now);
                return input.Length;
            case HayesModemState.Dialing or HayesModemState.Answering:
                // Any character aborts a call attempt; the modem hangs up and says NO CARRIER.
                attemptAbortedByKey = true;
                abort = attempt;
                return input.Length;
        }

        for (var index = 0; index < input.Length; index++)
        {
            var b = input[index];
            if (echo) Send([b]);
            if (b == registers[CarriageReturnRegister])
            {
                command = Encoding.ASCII.GetString([.. commandLine]);
                commandLine.Clear();
                return index + 1;
            }
            if (b == registers[BackspaceRegister])
            {
                if (commandLine.Count > 0) commandLine.RemoveAt(commandLine.Count - 1);
            }
            else if (b != registers[LineFeedRegister] && commandLine.Count < LongestCommandLine)
            {
                commandLine.Add(b);
            }
        }
        return input.Length;
    }

    // Under the gate. Data mode: forwards the bytes, holding back a possible +++ escape until it is decided.
    private void AcceptData(ReadOnlySpan<byte> input, long now)
    {
        var escape = (byte)registers[EscapeCharacterRegister];
        var guard = GuardTime;
        var forward = new List<byte>(input.Length + 3);
        foreach (var b in input)
        {
            var quiet = time.GetElapsedTime(lastInputTimestamp, now);
            lastInputTimestamp = now;
            var continuesEscape = b == escape && escapeCount < 3 && (escapeCount == 0 ? quiet >= guard : quiet < guard);
            if (continuesEscape)
            {
                escapeCount++;
                if (escapeCount == 3) ArmEscape(now);
                continue;
            }
            for (; escapeCount > 0; escapeCount--) forward.Add(escape);
            escapeTimer?.Dispose();
            escapeTimer = null;
            forward.Add(b);
        }
        if (forward.Count > 0) call?.Transmit(this, [.. forward]);
    }

    // Under the gate.
    private void ArmEscape(long armedAt)
    {
        var armedGeneration = generation;
        escapeTimer?.Dispose();
        escapeTimer = time.CreateTimer(_ => OnEscapeGuardElapsed(armedAt, armedGeneration), null, GuardTime, Timeout.InfiniteTimeSpan);
    }

    private void OnEscapeGuardElapsed(long armedAt, int armedGeneration)
    {
        lock (gate)
        {
            if (armedGeneration != generation || state != HayesModemState.Online || escapeCount != 3 || lastInputTimestamp != armedAt) return;
            escapeCount = 0;
            escapeTimer?.Dispose();
            escapeTimer = null;
            EnterState(HayesModemState.OnlineCommand);
            Send(HayesResults.Ok);
        }
        logger.LogDebug("Modem {Number} escaped to online command mode", Number);
    }

    private void OnRing(PhoneCall ringing, int ringGeneration)
    {
        lock (gate)
        {
            if (ringGeneration != generation || state != HayesModemState.Ringing || call != ringing) return;
            registers[RingCountRegister] = Math.Min(255, registers[RingCountRegister] + 1);
            Send(HayesResults.Ring);
            var autoAnswer = registers[AutoAnswerRegister];
            if (autoAnswer > 0 && registers[RingCountRegister] >= autoAnswer) BeginAnswer(ringing);
        }
    }

    // Under the gate.
    private void EvaluateCarrier()
    {
        if (call is not { } current) return;
        if (current.HasCarrierFor(this))
        {
            carrierLossTimer?.Dispose();
            carrierLossTimer = null;
            return;
        }
        if (carrierLossTimer is not null) return;
        var lostGeneration = generation;
        carrierLossTimer = time.CreateTimer(_ => OnCarrierLossTimeout(current, lostGeneration), null, CarrierLossTolerance, Timeout.InfiniteTimeSpan);
    }

    private void OnCarrierLossTimeout(PhoneCall lost, int lostGeneration)
    {
        lock (gate)
        {
            if (lostGeneration != generation || call != lost || state is not (HayesModemState.Online or HayesModemState.OnlineCommand)) return;
            if (lost.HasCarrierFor(this))
            {
                carrierLossTimer?.Dispose();
                carrierLossTimer = null;
                return;
            }
            ClearCall();
            EnterState(HayesModemState.Command);
            Send(HayesResults.NoCarrier);
        }
        logger.LogDebug("Modem {Number} lost carrier for longer than S10", Number);
        lost.Leave(this);
    }

    // Under the gate: the one place the state changes, so the supply's transmit burst always follows it.
    private void EnterState(HayesModemState next)
    {
        state = next;
        if (IsOffHook(next))
        {
            transmitBurst ??= supply?.BeginTransmit();
        }
        else
        {
            transmitBurst?.Dispose();
            transmitBurst = null;
        }
    }

    private static bool IsOffHook(HayesModemState state) =>
        state is HayesModemState.Dialing or HayesModemState.Answering or HayesModemState.Online or HayesModemState.OnlineCommand;

    // Under the gate: forgets the call and every timer tied to it (the caller leaves the call outside the gate).
    private void ClearCall()
    {
        call = null;
        attempt = null;
        ringTimer?.Dispose();
        ringTimer = null;
        carrierLossTimer?.Dispose();
        carrierLossTimer = null;
        escapeTimer?.Dispose();
        escapeTimer = null;
        escapeCount = 0;
        commandLine.Clear();
    }

    // Under the gate.
    private void Send(string result) => Send(HayesResults.Encode(result));

    // Under the gate.
    private void Send(byte[] bytes)
    {
        if (state != HayesModemState.Off) output.Writer.TryWrite(new SerialOutput(bytes, generation));
    }

    private sealed record SerialOutput(byte[] Bytes, int Generation);
}
