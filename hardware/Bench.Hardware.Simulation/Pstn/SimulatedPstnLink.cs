using Microsoft.Extensions.Logging;

namespace Bench.Hardware.Simulation.Pstn;

/// <summary>
/// The simulated dial-up path of a station (DESIGN.md §3a): the terminal's modem on a line through the rig's
/// line relay, an exchange, and the bench's answering modem on the profile's number. Each modem's serial side
/// is the master of its own pty pair; the firmware opens <see cref="TerminalModemDevicePath"/> and the NAC
/// opens <see cref="AnsweringModemDevicePath"/>, both with <c>System.IO.Ports.SerialPort</c>.
/// </summary>
public sealed class SimulatedPstnLink : IAsyncDisposable, IDisposable
{
    private readonly PseudoTerminalPair terminalPair;
    private readonly PseudoTerminalPair answeringPair;
    private int disposed;

    /// <summary>Builds the line, the exchange, both pty pairs and both modems.</summary>
    /// <param name="harness">The rig's wiring: its phone line relay cuts the terminal's line.</param>
    /// <param name="timeProvider">Terminal time, shared with the terminal and the rig.</param>
    /// <param name="settings">The profile's dial-up settings: the NAC's number and the line rate.</param>
    /// <param name="options">Dial and training physics, the terminal line's number.</param>
    /// <param name="loggerFactory">Where the modems log (debug); none when null.</param>
    /// <exception cref="PlatformNotSupportedException">Not on Linux (ptys).</exception>
    public SimulatedPstnLink(
        WiringHarness harness, TimeProvider timeProvider, PstnSettings settings,
        SimulatedPstnOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(settings);
        options ??= new SimulatedPstnOptions();
        var modemOptions = options.Modem with { LineRate = settings.BaudRate };
        modemOptions.Validate();
        Exchange = new PhoneExchange();
        TerminalLine = Exchange.AddLine(options.TerminalLineNumber, harness);
        AnsweringLine = Exchange.AddLine(settings.PhoneNumber);
        terminalPair = new PseudoTerminalPair();
        try
        {
            answeringPair = new PseudoTerminalPair();
        }
        catch
        {
            terminalPair.Dispose();
            throw;
        }
        var logger = loggerFactory?.CreateLogger<SimulatedHayesModem>();
        // The terminal's modem runs on the terminal's supply, so its calls show on the rig's supply monitor; the bench's does not.
        TerminalModem = new SimulatedHayesModem(
            terminalPair.MasterStream, TerminalLine, timeProvider, modemOptions, logger, options.TerminalModemPowered, harness.TerminalSupply);
        AnsweringModem = new SimulatedHayesModem(answeringPair.MasterStream, AnsweringLine, timeProvider, modemOptions, logger);
    }

    public PhoneExchange Exchange { get; }

    /// <summary>The terminal's line, through the line relay.</summary>
    public PhoneLine TerminalLine { get; }

    /// <summary>The bench's line, on the number the terminal dials.</summary>
    public PhoneLine AnsweringLine { get; }

    public SimulatedHayesModem TerminalModem { get; }

    public SimulatedHayesModem AnsweringModem { get; }

    /// <summary>The pty slave the terminal firmware opens to reach its modem.</summary>
    public string TerminalModemDevicePath => terminalPair.SlavePath;

    /// <summary>The pty slave the NAC opens to reach the answering modem.</summary>
    public string AnsweringModemDevicePath => answeringPair.SlavePath;

    /// <summary>The terminal's supply reaches its modem too: off drops the call at once.</summary>
    public void SetTerminalModemPowered(bool powered) => TerminalModem.SetPowered(powered);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        await TerminalModem.DisposeAsync();
        await AnsweringModem.DisposeAsync();
        TerminalLine.Dispose();
        AnsweringLine.Dispose();
        terminalPair.Dispose();
        answeringPair.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
