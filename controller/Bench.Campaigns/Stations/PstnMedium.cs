using System.IO.Ports;
using System.Net;
using Bench.Hardware;
using Bench.Hardware.Nac;
using Bench.Hardware.Simulation;
using Bench.Hardware.Simulation.Pstn;
using Bench.SimulatedTerminal.Modem;
using Microsoft.Extensions.Logging;

namespace Bench.Campaigns.Stations;

/// <summary>
/// The dial-up medium (DESIGN.md §3a): the terminal's Hayes modem on a pty, the phone line through the
/// rig's line relay, the bench's answering modem on another pty, and the NAC that reads the answering
/// modem's port with <see cref="SerialPort"/> and forwards the frames to the host, as on the Pi.
/// The terminal's modem shares the terminal's supply: it follows the power relay through the harness.
/// </summary>
internal sealed class PstnMedium : SimulatedMedium
{
    private readonly SimulatedPstnLink link;
    private readonly WiringHarness harness;
    private readonly SerialPort terminalPort;
    private readonly HayesModemDriver driver;
    private readonly NetworkAccessController networkAccessController;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;
    private volatile string? fault;

    private PstnMedium(
        SimulatedPstnLink link, WiringHarness harness, SerialPort terminalPort, HayesModemDriver driver,
        NetworkAccessController networkAccessController, ILogger logger)
    {
        this.link = link;
        this.harness = harness;
        this.terminalPort = terminalPort;
        this.driver = driver;
        this.networkAccessController = networkAccessController;
        harness.TerminalPowerChanged += OnTerminalPower;
        serving = ServeAsync(logger);
    }

    public override IModem Modem => driver;

    public override string? Fault => fault;

    public static PstnMedium Build(TerminalProfile profile, SimulatedRig rig, EndPoint host, TimeProvider clock, ILoggerFactory loggers)
    {
        var link = new SimulatedPstnLink(rig.Harness, clock, profile.Pstn, loggerFactory: loggers);
        SerialPort? terminalPort = null;
        NetworkAccessController? networkAccessController = null;
        try
        {
            link.SetTerminalModemPowered(rig.Harness.IsTerminalPowered);
            terminalPort = NetworkAccessController.OpenSerialPort(link.TerminalModemDevicePath, 115_200);
            var driver = new HayesModemDriver(terminalPort.BaseStream, profile.Pstn, clock, loggers.CreateLogger<HayesModemDriver>());
            // The bench's modem holds on a little longer than the terminal's, so a line cut measures the terminal.
            var benchTolerance = TimeSpan.FromSeconds(Math.Min(25.4, profile.Pstn.CarrierLossTolerance.TotalSeconds + 0.5));
            networkAccessController = NetworkAccessController.Open(
                link.AnsweringModemDevicePath, 115_200,
                new NetworkAccessControllerOptions(TpduRoutingTable.To(host)) { CarrierLossTolerance = benchTolerance }, clock,
                loggers.CreateLogger<NetworkAccessController>());
            return new PstnMedium(link, rig.Harness, terminalPort, driver, networkAccessController, loggers.CreateLogger<PstnMedium>());
        }
        catch
        {
            terminalPort?.Dispose();
            link.Dispose();
            throw;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        harness.TerminalPowerChanged -= OnTerminalPower;
        await stopping.CancelAsync();
        await serving;
        await driver.DisposeAsync();
        await networkAccessController.DisposeAsync();
        terminalPort.Dispose();
        await link.DisposeAsync();
        stopping.Dispose();
    }

    private void OnTerminalPower(object? sender, CircuitChange change) => link.SetTerminalModemPowered(change.IsOn);

    private async Task ServeAsync(ILogger logger)
    {
        try
        {
            await networkAccessController.RunAsync(stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException)
        {
            // The answering modem's port went away: every later dial-up trial would fail to connect, through no fault of the terminal.
            fault = $"the NAC stopped: {error.Message}";
            logger.LogError("The NAC stopped: {Reason}", error.Message);
        }
    }
}
