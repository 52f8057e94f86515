using Bench.Campaigns.Fixtures;
using Bench.Hardware;
using Bench.Hardware.Ecr;
using Bench.Host;

namespace Bench.Campaigns.Stations;

/// <summary>
/// Everything a trial drives, the same whether the terminal sits on the Pi rig or is simulated:
/// the rig's actuators, the terminal's ECR port (in whatever dialect it speaks), its debug console,
/// the acquirer host it talks to, the clock the terminal's timers run on, the timeline it all goes
/// on, and the operator for what the rig cannot do. A wall-clock interval times
/// <see cref="TimeScale"/> is terminal time.
/// </summary>
public sealed record TestStation(
    Rig Rig,
    IEcrSession Ecr,
    HostSimulator Host,
    TerminalProfile Terminal,
    TestCardDefinition Card,
    TimeProvider TerminalClock,
    double TimeScale,
    StationTimeline Timeline)
{
    /// <summary>The terminal's debug console lines from power-on (a real rig's console UART, the simulated terminal's console).</summary>
    public TerminalConsole Console { get; init; } = new(Timeline);

    /// <summary>Who does the steps the rig cannot (a swipe on a rig without a solenoid); unattended by default.</summary>
    public OperatorConsole Operator { get; init; } = OperatorConsole.Unattended;

    /// <summary>The simulated carrier of a cellular terminal; null on a real rig or another link.</summary>
    public ISimulatedCarrier? Carrier { get; init; }

    /// <summary>
    /// Why the medium between terminal and host is broken (the NAC's serial port died, say), or null while it is
    /// sound. A trial that ran over a broken medium measured the bench, not the terminal.
    /// </summary>
    public Func<string?> MediumFault { get; init; } = () => null;

    /// <summary>The simulated link to the host, for link faults; null on a real rig (use <c>bench proxy</c> there).</summary>
    public ISimulatedLink? Link { get; init; }

    /// <summary>The terminal's supply current on the timeline; null when the rig has no supply monitor. A trial traces it from start to end.</summary>
    public SupplyCurrentTrace? SupplyCurrent { get; init; }

    /// <summary>A wall-clock interval between two monotonic nanosecond timestamps, in terminal seconds.</summary>
    public double ToTerminalSeconds(long startNanoseconds, long endNanoseconds) =>
        (endNanoseconds - startNanoseconds) / 1e9 * TimeScale;
}
