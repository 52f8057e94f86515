using Bench.Campaigns.Running;
using Bench.Campaigns.Stations;
using Bench.Codec;
using Bench.Results;
using Microsoft.Extensions.Logging;

namespace Bench.Campaigns.Checking;

/// <summary>
/// The end of a run, before the checker reads the ledger: every terminal still holding a pending reversal gets
/// an idle sale (a clean SALE and swipe, no injection) so it can send it, as the next customer's sale would. A
/// reversal still pending afterwards is recorded (<see cref="CheckerEventKinds.ReversalPendingAtEnd"/>) and
/// becomes its own class rather than passing as clean.
/// </summary>
public static class FinalSettle
{
    private const string Source = "bench";
    private const string NoReversal = "NONE";

    /// <param name="stations">Each station with the amount its idle sale charges (the campaign's for that terminal).</param>
    /// <returns>The STANs still pending per terminal id after the settle.</returns>
    public static async Task<IReadOnlyDictionary<string, string>> RunAsync(
        IEnumerable<(TestStation Station, long AmountMinorUnits)> stations, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stations);
        ArgumentNullException.ThrowIfNull(logger);
        var left = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (station, amount) in stations)
        {
            var terminal = station.Terminal.TerminalId;
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(TrialWatchdog.WallTimeBound(station.Terminal, station.TimeScale));
            string? pending = null;
            try
            {
                station.Rig.EnterSafeState();
                await station.Rig.VerifyAsync(bound.Token);
                pending = await PendingStanAsync(station, bound.Token);
                station.Timeline.RecordNow(Source, CheckerEventKinds.FinalSettle, EventDetail.Json(("terminalId", terminal), ("phase", "started"), ("pendingStan", pending)));
                if (pending is not null)
                {
                    logger.LogInformation("Final settle: {Model} ({Terminal}) holds reversal STAN {Stan}; an idle sale gives it the chance to send it",
                        station.Terminal.Model, terminal, pending);
                    await StationTrialExecutor.FlushPendingReversalAsync(station, amount, bound.Token);
                    pending = await PendingStanAsync(station, bound.Token);
                }
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested && error is not OutOfMemoryException)
            {
                // The rig failed the settle: whatever the terminal held before stays pending, and says so.
                logger.LogWarning("Final settle on {Model} ({Terminal}) failed: {Reason}", station.Terminal.Model, terminal, PanMask.MaskText(error.Message));
            }
            station.Timeline.RecordNow(Source, CheckerEventKinds.FinalSettle, EventDetail.Json(("terminalId", terminal), ("phase", "ended"), ("pendingStan", pending)));
            if (pending is null) continue;
            left[terminal] = pending;
            logger.LogWarning("Final settle: {Model} ({Terminal}) still holds reversal STAN {Stan} at the end of the run", station.Terminal.Model, terminal, pending);
            station.Timeline.RecordNow(Source, CheckerEventKinds.ReversalPendingAtEnd, EventDetail.Json(("terminalId", terminal), ("stan", pending)));
        }
        return left;
    }

    /// <summary>The STAN of the reversal the terminal holds, from its STATUS line (<c>STATUS state REVERSAL stan|NONE</c>), or null.</summary>
    private static async Task<string?> PendingStanAsync(TestStation station, CancellationToken cancellationToken)
    {
        var status = await station.Ecr.StatusAsync(cancellationToken);
        var words = status.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || words[^2] != "REVERSAL")
            throw new InvalidOperationException($"the terminal's STATUS line '{status.Text}' names no REVERSAL");
        return words[^1] == NoReversal ? null : words[^1];
    }
}
