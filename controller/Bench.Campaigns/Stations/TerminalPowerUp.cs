using Bench.Hardware;
using Bench.Hardware.Ecr;

namespace Bench.Campaigns.Stations;

/// <summary>
/// The one place that powers a terminal up and waits until it takes sales (its ECR port's ready line, or a
/// dialect's boot time): when a station opens, simulated or on the rig, and when a trial recovers the terminal.
/// A terminal that does not get there within the wall-clock bound is a rig fault quoting what the ECR port said.
/// </summary>
public static class TerminalPowerUp
{
    /// <summary>Lines of the ECR port quoted in the fault when the terminal does not get ready.</summary>
    private const int QuotedLines = 8;

    /// <summary>Runs <paramref name="powerOn"/> and waits for the ready line printed after it.</summary>
    /// <param name="description">The terminal in the fault message, e.g. "simulated Verifone VX520".</param>
    /// <exception cref="RigFaultException">Not ready within <paramref name="wallTimeout"/>.</exception>
    public static async Task PowerOnAsync(
        IEcrSession ecr, Func<CancellationToken, Task> powerOn, TimeSpan wallTimeout, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ecr);
        ArgumentNullException.ThrowIfNull(powerOn);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(wallTimeout);
        var mark = ecr.LineCount;
        try
        {
            await powerOn(limit.Token);
            await ecr.WaitUntilReadyAsync(mark, limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var heard = string.Join(" | ", ecr.Lines.TakeLast(QuotedLines).Select(line => line.Text));
            throw new RigFaultException(
                $"{description} did not get ready within {wallTimeout.TotalSeconds:0} s of power-on; ECR port said: {heard}");
        }
    }

    /// <summary>Cuts the terminal's power through the rig, restores it and waits until the terminal is ready.</summary>
    public static Task PowerCycleAsync(TestStation station, TimeSpan wallTimeout, CancellationToken cancellationToken) =>
        PowerCycleAsync(station.Rig, station.Ecr, wallTimeout, station.Terminal.Model, cancellationToken);

    /// <inheritdoc cref="PowerCycleAsync(TestStation, TimeSpan, CancellationToken)"/>
    public static Task PowerCycleAsync(Rig rig, IEcrSession ecr, TimeSpan wallTimeout, string description, CancellationToken cancellationToken) =>
        PowerOnAsync(
            ecr,
            async token =>
            {
                await rig.SetTerminalPowerAsync(false, token);
                await rig.SetTerminalPowerAsync(true, token);
            },
            wallTimeout,
            description,
            cancellationToken);
}
