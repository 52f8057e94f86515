using Bench.Hardware;
using Bench.Hardware.Ecr;
using Microsoft.Extensions.Time.Testing;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>
/// A simulated terminal whose ECR port speaks a scripted dialect, on a socket-pair cable: fake clock, fake host, a
/// temporary flash. The test takes the controller's end as it is (<see cref="ControllerEnd"/>), or through a
/// <see cref="ScriptedEcrSession"/> it opens on it, as the bench does.
/// </summary>
internal sealed class ScriptedDialectRig : IAsyncDisposable
{
    private readonly CancellationTokenSource deadline = new(TimeSpan.FromSeconds(20));
    private readonly SerialCable cable;

    private ScriptedDialectRig(ScriptedEcrDialect dialect, SerialCable cable)
    {
        this.cable = cable;
        Dialect = dialect;
        Profile = TerminalRig.DefaultProfile with { EcrDialect = dialect };
        Host = new FakeHost(TerminalRig.MacKey());
        Modem = new ThrottledModem(Host.EndPoint, Profile.ConnectTimeout, Time);
        FlashDirectory = Path.Combine(Path.GetTempPath(), "bench-terminal-" + Guid.NewGuid().ToString("N"));
        Terminal = new SimulatedTerminal(
            Profile, new SimulatedTerminalOptions(Host.EndPoint, FlashDirectory, TerminalRig.MacKey()) { Modem = Modem, EcrDialect = dialect },
            cable.TerminalEnd, Time);
    }

    public TerminalProfile Profile { get; }
    public ScriptedEcrDialect Dialect { get; }
    public FakeTimeProvider Time { get; } = new();
    public FakeHost Host { get; }
    public ThrottledModem Modem { get; }
    public SimulatedTerminal Terminal { get; }
    public string FlashDirectory { get; }

    /// <summary>The controller's end of the ECR cable.</summary>
    public Stream ControllerEnd => cable.ControllerEnd;

    /// <summary>Cancels every wait of the test after 20 s of wall time, so a broken terminal fails the test instead of hanging it.</summary>
    public CancellationToken Token => deadline.Token;

    public static async Task<ScriptedDialectRig> CreateAsync(ScriptedEcrDialect dialect) => new(dialect, await SerialCable.CreateAsync());

    /// <summary>Waits until the firmware is in <paramref name="state"/>.</summary>
    public Task WaitForStateAsync(TerminalState state) => TerminalStates.WaitForAsync(Terminal, state, Token);

    public async ValueTask DisposeAsync()
    {
        await Terminal.DisposeAsync();
        await Host.DisposeAsync();
        await Modem.DisposeAsync();
        cable.Dispose();
        deadline.Dispose();
        try { Directory.Delete(FlashDirectory, recursive: true); } catch (IOException) { }
    }
}
