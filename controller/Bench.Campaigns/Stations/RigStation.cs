using System.IO.Ports;
using Bench.Campaigns.Fixtures;
using Bench.Codec;
using Bench.Hardware;
using Bench.Hardware.Ecr;
using Bench.Host;
using Bench.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.Campaigns.Stations;

/// <summary>
/// A real terminal on a real rig, built from the rig file: the <see cref="Rig"/> over the GPIO driver it names,
/// the host simulator listening where its <c>host:</c> says, the terminal's ECR port (the bench protocol, or the
/// profile's dialect) on <c>ecr.device</c>, its debug console on <c>console.device</c> when wired. Everything
/// runs on the wall clock: time scale 1.
/// </summary>
public sealed class RigStation : IAsyncDisposable
{
    private readonly Rig rig;
    private readonly HostSimulator host;
    private readonly SerialPort ecrPort;
    private readonly ConsoleCapture? consoleCapture;

    private RigStation(Rig rig, HostSimulator host, SerialPort ecrPort, ConsoleCapture? consoleCapture, TestStation station)
    {
        this.rig = rig;
        this.host = host;
        this.ecrPort = ecrPort;
        this.consoleCapture = consoleCapture;
        Station = station;
    }

    public TestStation Station { get; }

    /// <summary>Opens the rig, starts the host, opens the terminal's ports, then power-cycles the terminal and waits until it is ready.</summary>
    /// <exception cref="RigFaultException">A device could not be opened, or the terminal did not get ready.</exception>
    public static async Task<RigStation> StartAsync(
        RigDefinition rigDefinition,
        TerminalProfile profile,
        TestCardDefinition card,
        HostRuleSet hostRules,
        FrameRecorder? recorder,
        RigStationOptions? options = null,
        ILoggerFactory? loggers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rigDefinition);
        ArgumentNullException.ThrowIfNull(profile);
        options ??= new RigStationOptions();
        loggers ??= NullLoggerFactory.Instance;
        var ecrDefinition = rigDefinition.Ecr
            ?? throw new RigFaultException($"rig '{rigDefinition.Name}' has no ecr.device: the bench cannot reach the terminal's ECR port");
        var clock = TimeProvider.System;
        var ledger = new Ledger();
        ledger.Restore(options.LedgerBefore.Where(entry => entry.Key.TerminalId == profile.TerminalId));
        var hostOptions = options.Host with { ListenAddress = rigDefinition.Host.Listen, Port = rigDefinition.Host.Port };
        if (profile.MasterKey is { } masterKey)
        {
            hostOptions = hostOptions with
            {
                TerminalMasterKeys = new Dictionary<string, TerminalMasterKey>(hostOptions.TerminalMasterKeys) { [profile.TerminalId] = masterKey },
            };
        }

        var host = new HostSimulator(hostOptions, hostRules, clock, recorder, ledger, logger: loggers.CreateLogger<HostSimulator>());
        Rig? rig = null;
        SerialPort? ecrPort = null;
        IEcrSession? ecr = null;
        ConsoleCapture? consoleCapture = null;
        SupplyCurrentTrace? supplyCurrent = null;
        try
        {
            host.Start();
            rig = new Rig(
                rigDefinition, options.Devices.CreateController(rigDefinition), clock, loggers.CreateLogger<Rig>(), shouldDispose: true,
                options.Devices.I2cDevices);
            ecrPort = options.Devices.OpenSerialPort(ecrDefinition);
            ecr = profile.EcrDialect is { } dialect
                ? new ScriptedEcrSession(ecrPort.BaseStream, dialect, clock, loggers.CreateLogger<ScriptedEcrSession>())
                : new EcrClient(ecrPort.BaseStream, loggers.CreateLogger<EcrClient>());
            var timeline = new StationTimeline(recorder);
            timeline.Attach(ecr);
            var console = new TerminalConsole(timeline);
            if (rigDefinition.Console is { } consoleDefinition)
            {
                var consolePort = options.Devices.OpenSerialPort(consoleDefinition);
                consoleCapture = new ConsoleCapture(consolePort.BaseStream, console, loggers.CreateLogger<ConsoleCapture>(), consolePort);
            }

            supplyCurrent = rig.SupplyCurrent is { } monitor ? new SupplyCurrentTrace(monitor, timeline, clock, timeScale: 1) : null;
            var station = new TestStation(rig, ecr, host, profile, card, clock, TimeScale: 1, timeline)
            {
                Console = console,
                Operator = options.Operator,
                SupplyCurrent = supplyCurrent,
            };
            await BootAsync(station, options.BootWallTimeout, loggers.CreateLogger<RigStation>(), cancellationToken);
            return new RigStation(rig, host, ecrPort, consoleCapture, station);
        }
        catch
        {
            supplyCurrent?.Dispose();
            if (consoleCapture is not null) await consoleCapture.DisposeAsync();
            if (ecr is not null) await ecr.DisposeAsync();
            ecrPort?.Dispose();
            rig?.Dispose();
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Station.SupplyCurrent?.Dispose();
        await Station.Ecr.DisposeAsync();
        ecrPort.Dispose();
        if (consoleCapture is not null) await consoleCapture.DisposeAsync();
        // The rig's safe state leaves the terminal powered and its lines connected.
        rig.Dispose();
        await host.DisposeAsync();
    }

    /// <summary>
    /// A terminal found powered may have printed its ready line long ago, or be inside a sale left over from
    /// before: a power cycle gives a known start. Without a power relay the bench can only take it as it is.
    /// </summary>
    private static async Task BootAsync(TestStation station, TimeSpan wallTimeout, ILogger logger, CancellationToken cancellationToken)
    {
        if (station.Rig.Definition.TerminalPower is not null)
        {
            await TerminalPowerUp.PowerCycleAsync(station.Rig, station.Ecr, wallTimeout, station.Terminal.Model, cancellationToken);
            return;
        }

        logger.LogWarning(
            "Rig '{Rig}' has no terminal power relay: {Model} is taken as ready without a power cycle", station.Rig.Definition.Name, station.Terminal.Model);
    }
}
