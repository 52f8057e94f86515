using System.IO.Ports;
using System.Threading.Channels;
using Bench.Campaigns.Fixtures;
using Bench.Codec;
using Bench.Hardware;
using Bench.Hardware.Ecr;
using Bench.Hardware.Simulation;
using Bench.Host;
using Bench.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Terminal = Bench.SimulatedTerminal.SimulatedTerminal;
using TerminalOptions = Bench.SimulatedTerminal.SimulatedTerminalOptions;

namespace Bench.Campaigns.Stations;

/// <summary>
/// A terminal on the simulated rig, wired as the real one is: the controller drives GPIO through
/// a <see cref="SimulatedGpioDriver"/> whose harness swipes the card and switches the terminal's
/// power; it talks to the terminal's ECR port through a real pty opened with
/// <see cref="SerialPort"/>; the terminal reaches the host simulator over loopback TCP. Terminal,
/// rig and host share one <see cref="ScaledTimeProvider"/>, so the profile's timers run
/// <see cref="TerminalProfile.SimulationTimeScale"/> times faster than the wall clock.
/// </summary>
public sealed class SimulatedStation : IAsyncDisposable
{
    private readonly SimulatedRig rig;
    private readonly PseudoTerminalPair pty;
    private readonly SerialPort serialPort;
    private readonly Terminal terminal;
    private readonly HostSimulator host;
    private readonly SimulatedMedium medium;
    private readonly MagneticStripeCard card;
    // Harness events arrive in the GPIO writer's thread under the driver's lock; the terminal's
    // reactions (a power cut writes flash) run here instead, one at a time and in order.
    private readonly Channel<Action> physics = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task physicsLoop;

    private SimulatedStation(
        SimulatedRig rig, PseudoTerminalPair pty, SerialPort serialPort, Terminal terminal, HostSimulator host,
        SimulatedMedium medium, MagneticStripeCard card, TestStation station)
    {
        this.medium = medium;
        this.rig = rig;
        this.pty = pty;
        this.serialPort = serialPort;
        this.terminal = terminal;
        this.host = host;
        this.card = card;
        Station = station;
        rig.Harness.SwipeActuated += OnSwipe;
        rig.Harness.TerminalPowerChanged += OnTerminalPower;
        physicsLoop = Task.Run(RunPhysicsAsync);
    }

    public TestStation Station { get; }

    /// <summary>The simulated terminal itself, for tests that look inside (flash, console, bug switches).</summary>
    public Terminal Terminal => terminal;

    public SimulatedRig Rig => rig;

    /// <summary>Builds the station, powers the terminal on and waits until it has signed on (READY).</summary>
    /// <param name="flashDirectory">Where the simulated terminal keeps its flash (reversal record, counters).</param>
    /// <param name="recorder">Records every host frame; null records nothing.</param>
    public static async Task<SimulatedStation> StartAsync(
        RigDefinition rigDefinition,
        TerminalProfile profile,
        TestCardDefinition card,
        HostRuleSet hostRules,
        string flashDirectory,
        FrameRecorder? recorder,
        SimulatedStationOptions? options = null,
        ILoggerFactory? loggers = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new SimulatedStationOptions();
        loggers ??= NullLoggerFactory.Instance;
        var clock = new ScaledTimeProvider(profile.SimulationTimeScale);
        var ledger = new Ledger();
        ledger.Restore(options.LedgerBefore.Where(entry => entry.Key.TerminalId == profile.TerminalId));
        // The host learns the terminal's master key from its profile, as an acquirer's key management would hold it.
        var hostOptions = profile.MasterKey is { } masterKey
            ? options.Host with { TerminalMasterKeys = new Dictionary<string, TerminalMasterKey>(options.Host.TerminalMasterKeys) { [profile.TerminalId] = masterKey } }
            : options.Host;
        var host = new HostSimulator(hostOptions, hostRules, clock, recorder, ledger, logger: loggers.CreateLogger<HostSimulator>());
        SimulatedRig? rig = null;
        PseudoTerminalPair? pty = null;
        SerialPort? serialPort = null;
        Terminal? terminal = null;
        IEcrSession? ecr = null;
        SimulatedMedium? medium = null;
        SupplyCurrentTrace? supplyCurrent = null;
        try
        {
            host.Start();
            rig = new SimulatedRig(rigDefinition, clock, logger: loggers.CreateLogger<Rig>(), pinTraceFile: options.PinTraceFile);
            pty = new PseudoTerminalPair();
            Directory.CreateDirectory(flashDirectory);
            medium = SimulatedMedium.Create(profile, rig, host.LocalEndPoint, clock, loggers);
            // A scripted dialect with templates of what the terminal prints is spoken by the simulated terminal too.
            var dialect = profile.EcrDialect is { SimulatedTerminal: not null } scripted ? scripted : null;
            terminal = new Terminal(
                options.FirmwareBugs is { } bugs ? profile with { FirmwareBugs = bugs } : profile,
                new TerminalOptions(host.LocalEndPoint, flashDirectory, host.Options.WorkingKeys.MacKey)
                {
                    Modem = medium.Modem,
                    KeepConnectionOpen = profile.KeepConnectionOpen,
                    SecureElementKey = options.SecureElementKey,
                    MasterKey = profile.MasterKey,
                    EcrDialect = dialect,
                },
                pty.MasterStream,
                clock,
                loggers.CreateLogger<Terminal>());
            serialPort = new SerialPort(pty.SlavePath, options.BaudRate);
            serialPort.Open();
            ecr = dialect is not null
                ? new ScriptedEcrSession(serialPort.BaseStream, dialect, clock, loggers.CreateLogger<ScriptedEcrSession>())
                : new EcrClient(serialPort.BaseStream, loggers.CreateLogger<EcrClient>());

            var magneticCard = new MagneticStripeCard(card.Pan, card.Expiry, card.ServiceCode, card.DiscretionaryData);
            var timeline = new StationTimeline(recorder);
            timeline.Attach(ecr);
            var console = new TerminalConsole(timeline);
            terminal.ConsoleLineWritten += line => console.Publish(new TimestampedLine(line.Text, line.Timestamp, Truncated: false));
            if (profile.EcrDialect is { SimulatedTerminal: null } realOnly)
                loggers.CreateLogger<SimulatedStation>().LogWarning(
                    "{Model}: the simulated terminal speaks the bench's ECR protocol; the profile's {Dialect} dialect has no simulatedTerminal templates, so it is for the real terminal",
                    profile.Model, realOnly.Name);
            supplyCurrent = rig.Rig.SupplyCurrent is { } monitor ? new SupplyCurrentTrace(monitor, timeline, clock, profile.SimulationTimeScale) : null;
            var station = new TestStation(rig.Rig, ecr, host, profile, card, clock, profile.SimulationTimeScale, timeline) {
                Console = console,
                Operator = options.Operator,
                Carrier = medium.Carrier,
                Link = medium.Link,
                MediumFault = () => medium.Fault,
                SupplyCurrent = supplyCurrent,
            };
            var simulated = new SimulatedStation(rig, pty, serialPort, terminal, host, medium, magneticCard, station);
            await TerminalPowerUp.PowerOnAsync(
                ecr,
                _ =>
                {
                    terminal.PowerOn();
                    return Task.CompletedTask;
                },
                options.BootWallTimeout,
                $"simulated {profile.Model}",
                cancellationToken);
            return simulated;
        }
        catch
        {
            supplyCurrent?.Dispose();
            if (ecr is not null) await ecr.DisposeAsync();
            if (terminal is not null) await terminal.DisposeAsync();
            if (medium is not null) await medium.DisposeAsync();
            serialPort?.Dispose();
            pty?.Dispose();
            rig?.Dispose();
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        rig.Harness.SwipeActuated -= OnSwipe;
        rig.Harness.TerminalPowerChanged -= OnTerminalPower;
        physics.Writer.TryComplete();
        await physicsLoop;
        Station.SupplyCurrent?.Dispose();
        await Station.Ecr.DisposeAsync();
        await terminal.DisposeAsync();
        await medium.DisposeAsync();
        serialPort.Dispose();
        pty.Dispose();
        rig.Dispose();
        await host.DisposeAsync();
    }

    // The card's speed reaches the reader only as the harness measured it from the swiper's pins and registers.
    private void OnSwipe(object? sender, SwipeActuation swipe) =>
        physics.Writer.TryWrite(() => terminal.Swipe(card.RawTrack, swipe.ReaderPassage));

    private void OnTerminalPower(object? sender, CircuitChange change) =>
        physics.Writer.TryWrite(change.IsOn ? terminal.PowerOn : terminal.PowerOff);

    private async Task RunPhysicsAsync()
    {
        await foreach (var reaction in physics.Reader.ReadAllAsync())
        {
            try
            {
                reaction();
            }
            catch (ObjectDisposedException)
            {
                // A late event during teardown: the terminal is already gone.
            }
        }
    }
}
