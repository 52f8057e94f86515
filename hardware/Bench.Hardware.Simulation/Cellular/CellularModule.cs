using System.Globalization;
using System.Net.Sockets;
using Bench.Hardware.Simulation.I2c;
using Bench.Hardware.Simulation.Link;

namespace Bench.Hardware.Simulation.Cellular;

/// <summary>
/// The simulated cellular module of a terminal on the rig: its SIM behind the SIM-power relay, its antenna
/// behind the step attenuator, its supply the terminal's. It learns all three only from the
/// <see cref="WiringHarness"/>, so the rig's effects reach it only through the pins the real drivers drive.
/// Its data path is a <see cref="LinkEmulator"/> to the host that carries only this module's connections.
/// </summary>
/// <remarks>
/// Registration takes <see cref="CellularSettings.AttachTime"/> once module power, SIM power and a signal
/// above the no-link level are all there; each attach is a new <see cref="CellularSession"/>. Losing any of
/// them ends the session at once: every connection on the link is reset (both ends see RST) and the link
/// refuses new ones until the next attach. RSRP is <see cref="CellularSettings.BaseRsrpDbm"/> minus the
/// attenuation; the <see cref="SignalLossModel"/>'s loss sits in the link's <see cref="SignalLayer"/> on both
/// directions, where it turns into TCP retransmission back-off. A data quota (the SIM's balance) leaves
/// registration alone and blackholes the data beyond it. Events are raised on the thread that caused the
/// change (a pin change, under the GPIO driver's lock, or a timer); handlers must be quick.
/// The radio draws its transmit current from the terminal's supply (the harness's
/// <see cref="WiringHarness.TerminalSupply"/>, which the rig's INA219 measures): for the whole attach, and for
/// each write the terminal sends upstream, for that write's air time (<see cref="CellularTransmitOptions"/>);
/// writes that come while the radio is still sending queue behind it. Losing power, SIM or signal, or
/// disposing, ends every burst at once.
/// </remarks>
public sealed class CellularModule : IDisposable
{
    /// <summary>The link layer that carries the signal's loss.</summary>
    public const string SignalLayer = "cellular signal";

    private readonly WiringHarness harness;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private readonly SimulatedTerminalSupply? supply;
    private bool? powered;
    private bool? simPowered;
    private double? attenuationDecibels;
    private bool initialized;
    private bool disposed;
    private CellularServiceState state = CellularServiceState.Unpowered;
    private CellularSession? session;
    private ITimer? attachTimer;
    private int attachGeneration;
    private int lastSessionNumber;
    private TaskCompletionSource<CellularSession> registration = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDisposable? attachBurst;
    private IDisposable? dataBurst;
    private ITimer? dataBurstTimer;
    private long dataBurstEndTimestamp;

    /// <summary>Wires the module to the rig and the link; it starts attaching at once if the rig lets it.</summary>
    /// <param name="harness">The rig's physics: terminal power, SIM power and attenuation come from its events.</param>
    /// <param name="link">The data path to the host; this module governs its connections, signal layer and quota.</param>
    /// <param name="settings">The profile's cellular settings.</param>
    /// <param name="time">The terminal's clock.</param>
    /// <param name="lossModel">Loss against RSRP; <see cref="SignalLossModel.Default"/> when null.</param>
    /// <param name="transmit">How long the radio transmits per write; <see cref="CellularTransmitOptions"/>' defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (named).</exception>
    public CellularModule(
        WiringHarness harness, LinkEmulator link, CellularSettings settings, TimeProvider time, SignalLossModel? lossModel = null,
        CellularTransmitOptions? transmit = null)
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(time);
        CheckSettings(settings);
        transmit ??= new CellularTransmitOptions();
        transmit.Validate();
        this.harness = harness;
        this.time = time;
        Link = link;
        Settings = settings;
        LossModel = lossModel ?? SignalLossModel.Default;
        Transmit = transmit;
        supply = harness.TerminalSupply;
        link.AcceptsConnections = false;
        link.ChunkReceived += OnChunkReceived;

        // Subscribed before the state is read, and an event's value wins over the read: a change in between is not lost.
        harness.TerminalPowerChanged += OnTerminalPowerChanged;
        harness.SimPowerChanged += OnSimPowerChanged;
        harness.AttenuationChanged += OnAttenuationChanged;
        bool terminalPowered = harness.IsTerminalPowered;
        bool simPowerOn = harness.IsSimPowered;
        double attenuation = harness.AttenuationDecibels;
        List<Action> notifications = [];
        lock (gate)
        {
            powered ??= terminalPowered;
            simPowered ??= simPowerOn;
            attenuationDecibels ??= attenuation;
            initialized = true;
            ApplySignal(time.GetTimestamp(), notifications);
            Evaluate(time.GetTimestamp(), notifications);
        }

        Raise(notifications);
    }

    /// <summary>The service state changed (attaching, registered, lost).</summary>
    public event EventHandler<CellularServiceChange>? ServiceChanged;

    /// <summary>The attenuation changed, and with it the signal and the loss.</summary>
    public event EventHandler<CellularSignal>? SignalChanged;

    /// <summary>The profile's cellular settings.</summary>
    public CellularSettings Settings { get; }

    /// <summary>Loss against RSRP.</summary>
    public SignalLossModel LossModel { get; }

    /// <summary>How long the radio transmits per write.</summary>
    public CellularTransmitOptions Transmit { get; }

    /// <summary>True while the radio transmits (attaching, or sending what the terminal wrote).</summary>
    public bool IsTransmitting
    {
        get { lock (gate) return attachBurst is not null || dataBurst is not null; }
    }

    /// <summary>The data path to the host.</summary>
    public LinkEmulator Link { get; }

    /// <summary>Where the module is on its way to a data session.</summary>
    public CellularServiceState State
    {
        get { lock (gate) return state; }
    }

    /// <summary>True while there is a data session.</summary>
    public bool IsRegistered => State == CellularServiceState.Registered;

    /// <summary>The current data session, or null.</summary>
    public CellularSession? Session
    {
        get { lock (gate) return session; }
    }

    /// <summary>RSRP at the antenna: the base level minus the attenuation.</summary>
    public double RsrpDbm
    {
        get { lock (gate) return Rsrp; }
    }

    /// <summary>The loss per transmission at the current signal.</summary>
    public double LossProbability => LossModel.LossProbability(RsrpDbm);

    /// <summary>The bytes the SIM's balance still pays for (both directions); null when unlimited.</summary>
    public long? DataQuotaRemaining => Link.DataQuotaRemaining;

    private double Rsrp => Settings.BaseRsrpDbm - (attenuationDecibels ?? 0);

    /// <summary>
    /// Limits the data the carrier still passes to <paramref name="bytes"/> (both directions together),
    /// blackholing the rest: a SIM out of balance still registers. Null lifts the limit.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public void SetDataQuota(long? bytes) => Link.SetDataQuota(bytes);

    /// <summary>Seeds the randomness (losses, jitter) of the connections opened from now on: one seed per trial.</summary>
    public void Reseed(int seed) => Link.Reseed(seed);

    /// <summary>The current data session, now or once the module registers.</summary>
    public Task<CellularSession> WaitForRegistrationAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return session is { } current ? Task.FromResult(current) : registration.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Opens a TCP connection to the host through the current data session.</summary>
    /// <exception cref="CellularServiceException">No data session, or it ended while the socket opened.</exception>
    /// <exception cref="SocketException">The link could not be reached.</exception>
    public async Task<Socket> OpenSocketAsync(CancellationToken cancellationToken)
    {
        CellularSession current = Session ?? throw new CellularServiceException(State, "no data session: " + Describe());
        var socket = new Socket(Link.LocalEndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(Link.LocalEndPoint, cancellationToken);
            if (Session != current)
            {
                throw new CellularServiceException(State, $"data session {current.Number} ended while the socket opened: {Describe()}");
            }

            return socket;
        }
        catch
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The state in a few words, e.g. <c>SIM unpowered</c> or <c>registered, session 2, RSRP -85 dBm</c>.</summary>
    public string Describe()
    {
        lock (gate)
        {
            string rsrp = string.Create(CultureInfo.InvariantCulture, $"RSRP {Rsrp:0.#} dBm");
            return state switch
            {
                CellularServiceState.Unpowered => "module unpowered",
                CellularServiceState.NoSim => "SIM unpowered",
                CellularServiceState.NoSignal => $"no signal, {rsrp}",
                CellularServiceState.Attaching => $"attaching, {rsrp}",
                _ => $"registered, session {session?.Number}, {rsrp}",
            };
        }
    }

    /// <summary>Disconnects from the rig and ends the data session.</summary>
    public void Dispose()
    {
        harness.TerminalPowerChanged -= OnTerminalPowerChanged;
        harness.SimPowerChanged -= OnSimPowerChanged;
        harness.AttenuationChanged -= OnAttenuationChanged;
        Link.ChunkReceived -= OnChunkReceived;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            attachTimer?.Dispose();
            attachTimer = null;
            attachBurst?.Dispose();
            attachBurst = null;
            EndDataBurst();
            session = null;
            Link.AcceptsConnections = false;
            Link.ResetAll();
            registration.TrySetException(new ObjectDisposedException(nameof(CellularModule)));
        }
    }

    internal static void CheckSettings(CellularSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.AttachTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.AttachTime, "cellular.attachTime must not be negative");
        }

        if (!double.IsFinite(settings.BaseRsrpDbm))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.BaseRsrpDbm, "cellular.baseRsrpDbm must be a finite number of dBm");
        }
    }

    private void OnTerminalPowerChanged(object? sender, CircuitChange change) =>
        Update(change.Timestamp, () => powered = change.IsOn, signal: false);

    private void OnSimPowerChanged(object? sender, CircuitChange change) =>
        Update(change.Timestamp, () => simPowered = change.IsOn, signal: false);

    private void OnAttenuationChanged(object? sender, AttenuationChange change) =>
        Update(change.Timestamp, () => attenuationDecibels = change.Decibels, signal: true);

    private void Update(long timestamp, Action apply, bool signal)
    {
        List<Action> notifications = [];
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            apply();
            if (!initialized)
            {
                // The constructor evaluates once it has read the rest.
                return;
            }

            if (signal)
            {
                ApplySignal(timestamp, notifications);
            }

            Evaluate(timestamp, notifications);
        }

        Raise(notifications);
    }

    // Under the gate.
    private void ApplySignal(long timestamp, List<Action> notifications)
    {
        double rsrp = Rsrp;
        double loss = LossModel.LossProbability(rsrp);
        Link.SetConditions(SignalLayer, new LinkConditions { LossProbability = loss });
        var signal = new CellularSignal(rsrp, loss, LossModel.HasLink(rsrp), timestamp);
        notifications.Add(() => SignalChanged?.Invoke(this, signal));
    }

    // Under the gate: moves to the state the rig allows, ending or starting what that takes.
    private void Evaluate(long timestamp, List<Action> notifications)
    {
        CellularServiceState allowed =
            powered != true ? CellularServiceState.Unpowered
            : simPowered != true ? CellularServiceState.NoSim
            : !LossModel.HasLink(Rsrp) ? CellularServiceState.NoSignal
            : state == CellularServiceState.Registered ? CellularServiceState.Registered
            : CellularServiceState.Attaching;
        if (allowed == state && (allowed != CellularServiceState.Attaching || attachTimer is not null))
        {
            return;
        }

        CellularSession? ended = null;
        if (allowed != CellularServiceState.Registered && session is not null)
        {
            // The data session is gone: so is every connection on it, at both ends.
            ended = session;
            session = null;
            Link.AcceptsConnections = false;
            Link.ResetAll();
            registration = new TaskCompletionSource<CellularSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (allowed != CellularServiceState.Attaching)
        {
            attachTimer?.Dispose();
            attachTimer = null;
        }

        if (state != allowed || ended is not null)
        {
            SetState(allowed);
            var change = new CellularServiceChange(allowed, null, ended, Rsrp, timestamp);
            notifications.Add(() => ServiceChanged?.Invoke(this, change));
        }

        if (allowed == CellularServiceState.Attaching && attachTimer is null)
        {
            if (Settings.AttachTime == TimeSpan.Zero)
            {
                Register(timestamp, notifications);
            }
            else
            {
                int generation = ++attachGeneration;
                attachTimer = time.CreateTimer(_ => OnAttached(generation), null, Settings.AttachTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnAttached(int generation)
    {
        List<Action> notifications = [];
        lock (gate)
        {
            if (disposed || generation != attachGeneration || state != CellularServiceState.Attaching)
            {
                // Overtaken by a later change.
                return;
            }

            attachTimer?.Dispose();
            attachTimer = null;
            Register(time.GetTimestamp(), notifications);
        }

        Raise(notifications);
    }

    // Under the gate, while attaching.
    private void Register(long timestamp, List<Action> notifications)
    {
        session = new CellularSession(++lastSessionNumber, timestamp);
        SetState(CellularServiceState.Registered);
        Link.AcceptsConnections = true;
        registration.TrySetResult(session);
        var change = new CellularServiceChange(state, session, null, Rsrp, timestamp);
        notifications.Add(() => ServiceChanged?.Invoke(this, change));
    }

    // Under the gate: the radio transmits throughout an attach, and only a data session carries data.
    private void SetState(CellularServiceState next)
    {
        state = next;
        if (next == CellularServiceState.Attaching)
        {
            attachBurst ??= supply?.BeginTransmit();
        }
        else
        {
            attachBurst?.Dispose();
            attachBurst = null;
        }

        if (next != CellularServiceState.Registered)
        {
            EndDataBurst();
        }
    }

    // On the link's reader thread, as the terminal's bytes enter the carrier: the radio sends them.
    private void OnChunkReceived(object? sender, LinkChunk chunk)
    {
        if (chunk.Direction != LinkDirection.Upstream || supply is null)
        {
            return;
        }

        lock (gate)
        {
            if (disposed || state != CellularServiceState.Registered)
            {
                return;
            }

            long now = time.GetTimestamp();
            long airTicks = (long)(Transmit.AirTime(chunk.Data.Length).TotalSeconds * time.TimestampFrequency);
            // A write while the radio is still sending goes on air after what is queued before it.
            long start = dataBurst is not null && dataBurstEndTimestamp > now ? dataBurstEndTimestamp : now;
            dataBurstEndTimestamp = start + airTicks;
            dataBurst ??= supply.BeginTransmit();
            dataBurstTimer ??= time.CreateTimer(_ => OnDataBurstDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            dataBurstTimer.Change(time.GetElapsedTime(now, dataBurstEndTimestamp), Timeout.InfiniteTimeSpan);
        }
    }

    private void OnDataBurstDue()
    {
        lock (gate)
        {
            if (dataBurst is null)
            {
                return;
            }

            TimeSpan remaining = time.GetElapsedTime(time.GetTimestamp(), dataBurstEndTimestamp);
            if (remaining > TimeSpan.Zero)
            {
                // A later write moved the end (or a scaled clock woke a little early).
                dataBurstTimer?.Change(remaining, Timeout.InfiniteTimeSpan);
                return;
            }

            EndDataBurst();
        }
    }

    // Under the gate.
    private void EndDataBurst()
    {
        dataBurstTimer?.Dispose();
        dataBurstTimer = null;
        dataBurst?.Dispose();
        dataBurst = null;
    }

    private static void Raise(List<Action> notifications)
    {
        foreach (Action notify in notifications)
        {
            notify();
        }
    }
}
