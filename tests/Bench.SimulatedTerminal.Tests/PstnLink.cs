using System.IO.Ports;
using Bench.Hardware;
using Bench.Hardware.Nac;
using Bench.Hardware.Simulation;
using Bench.Hardware.Simulation.Pstn;
using Bench.SimulatedTerminal.Modem;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>
/// The dial-up path of a station for terminal tests, at 20×: a simulated rig, the line and both modems, the NAC on
/// the answering modem's pty forwarding to a <see cref="FakeHost"/>, and a <see cref="HayesModemDriver"/> on the
/// terminal modem's pty opened with a real <see cref="SerialPort"/>.
/// </summary>
internal sealed class PstnLink : IAsyncDisposable
{
    private readonly CancellationTokenSource deadline = new(TimeSpan.FromSeconds(60));
    private readonly CancellationTokenSource stopping = new();
    private readonly SerialPort modemPort;
    private readonly Task nacRun;

    public PstnLink(PstnSettings? settings = null)
    {
        Settings = settings ?? new PstnSettings();
        Rig = new SimulatedRig(timeProvider: Time);
        Link = new SimulatedPstnLink(Rig.Harness, Time, Settings);
        Host = new FakeHost(TerminalRig.MacKey());
        Nac = NetworkAccessController.Open(Link.AnsweringModemDevicePath, 115200, new NetworkAccessControllerOptions(TpduRoutingTable.To(Host.EndPoint)), Time);
        Nac.CallEnded += reason =>
        {
            lock (CallEnds) CallEnds.Add(reason);
        };
        nacRun = Nac.RunAsync(stopping.Token);
        modemPort = new SerialPort(Link.TerminalModemDevicePath, 115200);
        modemPort.Open();
        Driver = new HayesModemDriver(modemPort.BaseStream, Settings, Time, Log);
    }

    public ScaledTimeProvider Time { get; } = new(20);
    public PstnSettings Settings { get; }
    public SimulatedRig Rig { get; }
    public SimulatedPstnLink Link { get; }
    public FakeHost Host { get; }
    public NetworkAccessController Nac { get; }
    public HayesModemDriver Driver { get; }
    public List<string> CallEnds { get; } = [];

    /// <summary>How early a chain of timers may end on the shared clock (a system timer fires up to a few ms of real time early).</summary>
    public TimeSpan TimerSlack => TimeSpan.FromMilliseconds(5 * Time.Scale);

    /// <summary>What the driver logged.</summary>
    public RecordingLogger Log { get; } = new();

    /// <summary>Ends every wait of the test after a minute of wall time.</summary>
    public CancellationToken Token => deadline.Token;

    public async ValueTask DisposeAsync()
    {
        await Driver.DisposeAsync();
        await stopping.CancelAsync();
        await nacRun;
        await Nac.DisposeAsync();
        modemPort.Dispose();
        await Link.DisposeAsync();
        await Host.DisposeAsync();
        Rig.Dispose();
        deadline.Dispose();
    }
}
