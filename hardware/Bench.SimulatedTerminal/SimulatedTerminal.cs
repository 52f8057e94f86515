using System.Diagnostics;
using Bench.Codec;
using Bench.Hardware;
using Bench.Hardware.Ecr;
using Bench.SimulatedTerminal.Ecr;
using Bench.SimulatedTerminal.Modem;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.SimulatedTerminal;

/// <summary>
/// A simulated POS terminal whose firmware behaves like a real one: it boots and signs on at
/// power-on, takes sales on its ECR port, reads a swiped card, talks ISO 8583 to the host over
/// TCP, keeps a reversal-pending record in flash and sends it before the next sale. Every timer
/// runs on the injected <see cref="TimeProvider"/> (terminal time). Its inputs are plain: a stream
/// for the ECR port and method calls for power and swipes; the rig wires them to pins and ptys. The
/// ECR port speaks the bench protocol, or the scripted dialect of <see cref="SimulatedTerminalOptions.EcrDialect"/>.
/// This file holds power, inputs and outputs; the sign-on, sale and reversal procedures live in
/// the other parts of this class.
/// </summary>
public sealed partial class SimulatedTerminal : IAsyncDisposable
{
    private const int ConsoleCapacity = 10_000;
    private const string CountersFlashName = "counters";
    private const string JournalFlashName = "journal";

    private readonly TerminalProfile profile;
    private readonly SimulatedTerminalOptions options;
    private readonly ITerminalEcrPort ecrPort;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SimulatedFlash flash;
    private readonly IModem modem;
    private readonly bool ownsModem;
    private readonly MessageFactory factory;
    // The MAC of a terminal without a master key: one fixed key (SimulatedTerminalOptions.MacKey).
    private readonly MessageAuthenticationCode clearMac;
    private readonly MessageSigner clearSigner;
    private readonly StateMachine<TerminalState> lifecycle = TerminalLifecycle.Create();
    private readonly Lock gate = new();
    private readonly SemaphoreSlim ecrWriteLock = new(1, 1);
    private readonly CancellationTokenSource disposing = new();
    private readonly Queue<ConsoleLine> console = new();
    private readonly OrderedEventQueue events;
    private readonly List<Task> firmwareRuns = [];
    private readonly Task ecrReader;
    private PowerSession? session;
    private int powerCycles;
    private Task? disposal;

    public SimulatedTerminal(
        TerminalProfile profile,
        SimulatedTerminalOptions options,
        Stream ecrPort,
        TimeProvider? timeProvider = null,
        ILogger<SimulatedTerminal>? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(profile.ReversalResendCount);
        this.profile = profile;
        this.options = options;
        time = timeProvider ?? TimeProvider.System;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        // The firmware speaks the bench protocol; a dialect is translated at the port, both ways.
        this.ecrPort = options.EcrDialect is { } dialect
            ? new ScriptedDialectTerminalPort(ecrPort, dialect, time, this.logger, listening: () => IsPoweredOn)
            : new BenchProtocolTerminalPort(ecrPort);
        flash = new SimulatedFlash(options.FlashDirectory, options.SecureElementKey);
        ownsModem = options.Modem is null;
        modem = options.Modem ?? new EthernetModem(options.HostEndPoint, profile.ConnectTimeout, time);
        factory = new MessageFactory(new TerminalIdentity(profile.TerminalId, profile.MerchantId));
        clearMac = new MessageAuthenticationCode(options.MacKey);
        clearSigner = new MessageSigner(IsoCodec.Cup, clearMac);
        events = new OrderedEventQueue(this.logger);
        // Changes happen under the terminal's lock; subscribers hear of them once it is released.
        lifecycle.Changed += (from, to) => events.Enqueue(() => StateChanged?.Invoke(from, to));
        modem.Connected += OnModemConnected;
        // The UART exists whether or not the terminal is powered: one reader for the object's life.
        ecrReader = Task.Run(ReadEcrPortAsync);
    }

    /// <summary>
    /// Every terminal state change (old, new), in order. Raised outside the terminal's lock, on a firmware
    /// or caller thread, possibly just after the call that made the change returned; keep handlers short.
    /// </summary>
    public event Action<TerminalState, TerminalState>? StateChanged;

    /// <summary>Every debug console line as it is printed, in the order of <see cref="ConsoleLines"/>; raised as <see cref="StateChanged"/> is.</summary>
    public event Action<ConsoleLine>? ConsoleLineWritten;

    /// <summary>Each sale's end, with what the terminal showed.</summary>
    public event Action<TransactionResult>? TransactionCompleted;

    public TerminalProfile Profile => profile;

    /// <summary>The field bugs this firmware carries: the profile's.</summary>
    private FirmwareBugs Bugs => profile.FirmwareBugs;

    public TerminalState State => lifecycle.State;

    public bool IsPoweredOn
    {
        get { lock (gate) return session is not null; }
    }

    public bool IsSignedOn
    {
        get { lock (gate) return session?.SignedOn ?? false; }
    }

    /// <summary>The state of the current (or last) sale of this power cycle; null before the first.</summary>
    public TransactionState? CurrentTransactionState
    {
        get { lock (gate) return session?.Transaction?.State; }
    }

    /// <summary>The current batch number (from flash while off).</summary>
    public string Batch
    {
        get
        {
            lock (gate) return session?.Booted == true ? session.Counters.Batch : (flash.Read<TerminalCounters>(CountersFlashName)?.Batch ?? options.InitialBatch);
        }
    }

    /// <summary>The reversal-pending record: the firmware's copy while on, the flash's while off.</summary>
    public ReversalRecord? PendingReversal
    {
        get
        {
            lock (gate)
                return session?.Reversals is { } store ? store.Current : ReversalStore.ReadFlash(flash);
        }
    }

    /// <summary>The approved sales stored in flash for settlement.</summary>
    public IReadOnlyList<JournalEntry> Journal => flash.Read<List<JournalEntry>>(JournalFlashName) ?? [];

    /// <summary>A snapshot of the debug console (the most recent lines).</summary>
    public IReadOnlyList<ConsoleLine> ConsoleLines
    {
        get { lock (console) return [.. console]; }
    }

    /// <summary>Switches the terminal on: it boots, signs on and prints READY. Does nothing when already on.</summary>
    public void PowerOn()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposal is not null, this);
            if (session is not null) return;
            var started = session = new PowerSession(++powerCycles);
            lifecycle.MoveTo(TerminalState.Booting);
            // Recorded before the lock is released, so a PowerOff or DisposeAsync right after sees the run.
            firmwareRuns.RemoveAll(run => run.IsCompleted);
            firmwareRuns.Add(Task.Run(() => RunFirmwareAsync(started)));
        }
        RaiseEvents();
    }

    /// <summary>
    /// Cuts the power at once: every timer and wait is cancelled, the host socket is closed, and
    /// nothing more reaches the flash, the ECR port or the console. A flash write already under
    /// way completes (it is atomic); whatever was in flash survives until the next boot.
    /// </summary>
    public void PowerOff()
    {
        PowerSession? cut;
        lock (gate)
        {
            cut = session;
            if (cut is null) return;
            session = null;
            flash.PowerDown(cut);
            cut.Cut();
            cut.Transaction?.Force(TransactionState.Interrupted);
            lifecycle.Force(TerminalState.Off);
        }
        RaiseEvents();
        logger.LogInformation("{Terminal} power cut", profile.TerminalId);
    }

    /// <summary>
    /// The card reader delivers a swipe: the raw track 2 with sentinels and LRC. Accepted only
    /// while the terminal prompts for a card; a track that fails its checks, or a card that crossed
    /// the head slower than the profile's <see cref="CardReaderSettings.SlowestSwipe"/>, shows
    /// CARD READ ERROR and the prompt stays.
    /// </summary>
    /// <param name="rawTrack">Track 2 as the head reads it.</param>
    /// <param name="passage">How long the card took to cross the head; null when the swiper does not say (always fast enough).</param>
    /// <returns>False when the terminal was not waiting for a card (the swipe is ignored, as a real reader's would be).</returns>
    public bool Swipe(string rawTrack, TimeSpan? passage = null)
    {
        PowerSession current;
        TerminalState state;
        lock (gate)
        {
            if (session is not { IsAlive: true } powered) return false;
            current = powered;
            state = lifecycle.State;
            if (state == TerminalState.AwaitingCard) return current.Swipes.Writer.TryWrite(new CardSwipe(rawTrack, passage));
        }
        Print(current, $"SWIPE IGNORED IN {state}");
        return false;
    }

    /// <summary>
    /// Cuts the power, stops the ECR reader and waits for every firmware run (of this and earlier power
    /// cycles) to unwind before freeing what they share. Safe to call more than once; PowerOn fails afterwards.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        // Started on the pool, not inline: the stop raises events, which never happens under the lock.
        lock (gate) disposal ??= Task.Run(StopAsync);
        return new ValueTask(disposal);
    }

    private async Task StopAsync()
    {
        // Runs once, after disposal was set under the lock: no PowerOn can start a new run from here on.
        PowerOff();
        await disposing.CancelAsync();
        Task[] runs;
        lock (gate) runs = [ecrReader, .. firmwareRuns];
        await Task.WhenAll(runs).ConfigureAwait(false);
        await ecrPort.DisposeAsync();
        modem.Connected -= OnModemConnected;
        if (ownsModem) await modem.DisposeAsync();
        clearMac.Dispose();
        flash.Dispose();
    }

    private async Task RunFirmwareAsync(PowerSession power)
    {
        try
        {
            Print(power, $"BOOT {profile.Model} TID {profile.TerminalId} MID {profile.MerchantId} POWER CYCLE {power.Number}");
            if (Bugs.EnabledNames is { Count: > 0 } enabled) Print(power, "FIRMWARE BUGS " + string.Join(" ", enabled));
            await WriteEcrAsync(power, EcrProtocol.Booting);
            if (options.BootDuration > TimeSpan.Zero) await Task.Delay(options.BootDuration, time, power.Token);
            power.Counters = flash.Read<TerminalCounters>(CountersFlashName) ?? new TerminalCounters(0, options.InitialBatch);
            power.Reversals = new ReversalStore(flash, power, persist: !Bugs.ReversalNotPersisted);
            if (power.Reversals.Current is { } pending)
                Print(power, $"REVERSAL PENDING STAN {pending.Stan} REASON {pending.Reason}");

            MoveTo(power, TerminalState.SigningOn);
            await SignOnAsync(power);
            power.Booted = true;

            while (await power.Sales.Reader.WaitToReadAsync(power.Token))
            {
                while (power.Sales.Reader.TryRead(out var amount))
                {
                    await RunSaleAsync(power, amount);
                    if (power.ReSignOnRequested)
                    {
                        MoveTo(power, TerminalState.SigningOn);
                        await SignOnAsync(power);
                    }
                }
            }
        }
        catch (Exception) when (!power.IsAlive)
        {
            // The power was cut: whatever was interrupted (a wait, a socket, a write) just stops.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "{Terminal} firmware fault", profile.TerminalId);
            Print(power, "FIRMWARE FAULT " + exception.Message);
            await StopAfterFaultAsync(power);
        }
    }

    /// <summary>
    /// The firmware has stopped, but the terminal is still powered and its ECR port still answered: the
    /// controller must not wait for a RESULT that no one will print. Sales stop being queued, and one
    /// <c>ERROR FIRMWARE FAULT</c> line ends the sale under way or queued (its command came before it);
    /// <see cref="HandleCommandAsync"/> answers every later SALE the same way until the power is cycled.
    /// </summary>
    private async Task StopAfterFaultAsync(PowerSession power)
    {
        lock (gate)
        {
            power.Faulted = true;
            power.Sales.Writer.TryComplete();
        }
        while (power.Sales.Reader.TryRead(out _))
        {
            // Answered by the line below.
        }
        try
        {
            await WriteEcrAsync(power, EcrProtocol.FirmwareFault);
        }
        catch (OperationCanceledException) when (!power.IsAlive)
        {
            // Cut meanwhile: a dead terminal says nothing.
        }
    }

    private async Task ReadEcrPortAsync()
    {
        try
        {
            while (await ecrPort.ReadCommandAsync(disposing.Token) is { } received)
            {
                PowerSession? current;
                lock (gate) current = session;
                // A terminal without power does not hear its serial port.
                if (current is not { IsAlive: true }) continue;
                try
                {
                    await HandleCommandAsync(current, received);
                }
                catch (OperationCanceledException) when (!current.IsAlive)
                {
                    // Power cut while answering: the answer dies with the terminal, the port lives on.
                }
            }
        }
        catch (OperationCanceledException) when (disposing.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            logger.LogWarning(exception, "{Terminal} ECR port failed", profile.TerminalId);
        }
    }

    private async Task HandleCommandAsync(PowerSession power, ReceivedEcrCommand received)
    {
        Print(power, "ECR< " + received.Text);
        if (received.Command is not { } command)
        {
            await WriteEcrAsync(power, EcrProtocol.Error(received.Error));
            return;
        }
        switch (command.Kind)
        {
            case EcrCommandKind.Status:
                var state = power.Faulted ? EcrProtocol.FaultState : lifecycle.State.ToString().ToUpperInvariant();
                await WriteEcrAsync(power, EcrProtocol.StatusReport(state, power.Reversals?.Current?.Stan));
                break;
            case EcrCommandKind.Sale when power.Faulted:
                await WriteEcrAsync(power, EcrProtocol.FirmwareFault);
                break;
            case EcrCommandKind.Sale when power.Booted && power.TryBeginSale():
                if (!power.Sales.Writer.TryWrite(command.AmountMinorUnits!.Value))
                {
                    // The queue closed since the check: the firmware faulted (or the power went, and nothing is printed).
                    power.EndSale();
                    await WriteEcrAsync(power, EcrProtocol.FirmwareFault);
                }
                break;
            case EcrCommandKind.Sale:
                await WriteEcrAsync(power, EcrProtocol.ResultBusy);
                break;
        }
    }

    /// <summary>Moves the lifecycle unless the session has lost power (a cut already forced Off).</summary>
    private void MoveTo(PowerSession power, TerminalState next)
    {
        lock (gate)
        {
            if (!power.IsAlive) throw new OperationCanceledException(power.Token);
            lifecycle.MoveTo(next);
        }
        RaiseEvents();
    }

    /// <summary>Raises the events queued under the lock; never call it with the lock held.</summary>
    private void RaiseEvents()
    {
        Debug.Assert(!gate.IsHeldByCurrentThread, "terminal events are raised outside the terminal's lock");
        events.RaisePending();
    }

    /// <summary>Prints a bench-protocol line on the ECR port, in the port's language (a dialect may have nothing for it).</summary>
    private async Task WriteEcrAsync(PowerSession power, string line)
    {
        if (!power.IsAlive) return;
        string? sent = null;
        await ecrWriteLock.WaitAsync(power.Token);
        try
        {
            if (!power.IsAlive) return;
            sent = await ecrPort.WriteAsync(line, power.Token);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            logger.LogWarning(exception, "{Terminal} ECR write failed", profile.TerminalId);
        }
        finally
        {
            ecrWriteLock.Release();
        }
        if (sent is not null) Print(power, "ECR> " + sent);
    }

    /// <summary>Prints a debug console line (card numbers masked); a dead session prints nothing.</summary>
    private void Print(PowerSession power, string text)
    {
        if (!power.IsAlive) return;
        var line = new ConsoleLine(time.GetUtcNow(), Stopwatch.GetTimestamp(), PanMask.MaskText(text));
        lock (console)
        {
            if (console.Count == ConsoleCapacity) console.Dequeue();
            console.Enqueue(line);
            // Queued in the console's order; a subscriber that throws is logged by the queue.
            events.Enqueue(() => ConsoleLineWritten?.Invoke(line));
        }
        logger.LogDebug("{Terminal} {Line}", profile.TerminalId, line.Text);
        RaiseEvents();
    }

    private void OnModemConnected(string words)
    {
        PowerSession? current;
        lock (gate) current = session;
        if (current is not null) Print(current, $"MODEM {modem.Medium} {words}");
    }

    private void SaveCounters(PowerSession power, TerminalCounters counters)
    {
        power.Counters = counters;
        flash.Write(CountersFlashName, counters, power);
    }

    /// <summary>Takes the next STAN and persists it before it is used, so a reboot never reuses one.</summary>
    private string NextStan(PowerSession power)
    {
        SaveCounters(power, power.Counters.Next());
        return power.Counters.Stan;
    }
}
