using System.IO.Ports;
using Bench.Hardware.Simulation;
using Bench.Hardware.Simulation.Pstn;

namespace Bench.Hardware.Tests.Pstn;

/// <summary>
/// A simulated rig with its dial-up path at a time scale: the terminal's modem behind the rig's line relay,
/// the answering modem on the profile's number, and both pty slaves opened with real <see cref="SerialPort"/>s.
/// </summary>
internal sealed class PstnBench : IAsyncDisposable
{
    public static readonly PstnSettings Settings = new();
    private readonly CancellationTokenSource deadline = new(TimeSpan.FromSeconds(60));
    private readonly List<SerialPort> ports = [];

    public PstnBench(double scale, SimulatedModemOptions? modem = null, RigDefinition? rig = null)
    {
        Time = new ScaledTimeProvider(scale);
        Rig = new SimulatedRig(rig, timeProvider: Time);
        Link = new SimulatedPstnLink(Rig.Harness, Time, Settings, new SimulatedPstnOptions { Modem = modem ?? new SimulatedModemOptions() });
        TerminalPort = Open(Link.TerminalModemDevicePath);
        AnsweringPort = Open(Link.AnsweringModemDevicePath);
    }

    public ScaledTimeProvider Time { get; }

    public SimulatedRig Rig { get; }

    public SimulatedPstnLink Link { get; }

    /// <summary>The firmware's end of the terminal's modem.</summary>
    public Stream TerminalPort { get; }

    /// <summary>The NAC's end of the answering modem.</summary>
    public Stream AnsweringPort { get; }

    /// <summary>Ends every wait of the test after a minute of wall time, so a broken modem fails the test instead of hanging it.</summary>
    public CancellationToken Token => deadline.Token;

    /// <summary>
    /// How early a chain of timers may end on the shared clock: a system timer can fire a millisecond or two of
    /// real time early, which the time scale multiplies. Lower bounds that rest on timers allow this much.
    /// </summary>
    public TimeSpan TimerSlack => TimeSpan.FromMilliseconds(5 * Time.Scale);

    /// <summary>The time on the shared clock since <paramref name="startTimestamp"/> (terminal time).</summary>
    public TimeSpan Since(long startTimestamp) => Time.GetElapsedTime(startTimestamp);

    public Stream Open(string devicePath)
    {
        var port = new SerialPort(devicePath, 115200);
        port.Open();
        ports.Add(port);
        return port.BaseStream;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var port in ports) port.Dispose();
        await Link.DisposeAsync();
        Rig.Dispose();
        deadline.Dispose();
    }
}
