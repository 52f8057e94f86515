using System.Globalization;
using System.Text.RegularExpressions;
using Bench.Results;

namespace Bench.Reports.Timelines;

/// <summary>
/// Places what the store holds within one trial's window on the trial's timeline: each event in its lane,
/// each host frame a mark labelled with its MTI, each injection a span from <c>injection-applied</c> to
/// <c>injection-released</c>, each <c>supply-current</c> reading a point of the supply's trace. Frames of other
/// terminals (background load) are left out.
/// </summary>
public static partial class TrialTimelineBuilder
{
    private const double NanosecondsPerSecond = 1e9;
    private const int LabelLength = 28;

    public static TrialTimeline Build(ReportRun run, StoredTrial trial)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(trial);
        var start = trial.StartedNanoseconds;
        var end = Math.Max(trial.EndedNanoseconds, start);
        double Seconds(long nanoseconds) => (nanoseconds - start) / NanosecondsPerSecond;
        bool Within(long nanoseconds) => nanoseconds >= start && nanoseconds <= end;

        var terminalId = TerminalIdOf(run, trial.ExperimentId);
        var marks = new List<TimelineMark>();
        foreach (var frame in run.Frames.Where(frame => Within(frame.TimestampNanoseconds)))
        {
            if (terminalId is not null && FieldOf(frame.Summary, "41") is { } terminal && terminal != terminalId) continue;
            var arrow = frame.Direction == FrameDirection.Received ? "→" : "←";
            marks.Add(new TimelineMark(TimelineLane.Host, Seconds(frame.TimestampNanoseconds), $"{frame.Mti ?? "?"}{arrow}"));
        }

        var injections = new List<TimelineSpan>();
        var supply = new List<SupplyCurrentPoint>();
        (long Time, string Label)? applied = null;
        foreach (var stored in run.Events.Where(stored => Within(stored.TimestampNanoseconds)))
        {
            switch (stored.Kind)
            {
                case "injection-applied":
                    // A second application before a release: the first ends where the second begins.
                    if (applied is { } previous) injections.Add(new TimelineSpan(Seconds(previous.Time), Seconds(stored.TimestampNanoseconds), previous.Label, true));
                    applied = (stored.TimestampNanoseconds, stored.Detail);
                    continue;
                case "injection-released" when applied is { } open:
                    injections.Add(new TimelineSpan(Seconds(open.Time), Seconds(stored.TimestampNanoseconds), open.Label, true));
                    applied = null;
                    continue;
                case "injection-released":
                    continue;
                case "supply-current":
                    if (SupplyCurrentOf(stored.Detail) is { } reading) supply.Add(new SupplyCurrentPoint(Seconds(stored.TimestampNanoseconds), reading.Milliamperes, reading.ReadBack));
                    continue;
            }
            if (Classify(stored) is { } mark) marks.Add(new TimelineMark(mark.Lane, Seconds(stored.TimestampNanoseconds), mark.Label));
        }
        if (applied is { } unreleased)
        {
            // Injections are often taken back as the trial ends, a moment after its recorded end: drawn to the end, but released.
            var release = run.Events.FirstOrDefault(stored => stored.TimestampNanoseconds >= unreleased.Time && stored.Kind is ("injection-released" or "injection-applied")
                && !(stored.Kind == "injection-applied" && stored.TimestampNanoseconds == unreleased.Time));
            injections.Add(new TimelineSpan(Seconds(unreleased.Time), Seconds(end), unreleased.Label, release?.Kind == "injection-released"));
        }

        return new TrialTimeline(
            trial.ExperimentName, trial.TrialIndex, trial.Outcome, trial.ParameterValue, Seconds(end),
            [.. marks.OrderBy(mark => mark.Seconds)], injections)
        {
            SupplyCurrent = [.. supply.OrderBy(point => point.Seconds)],
        };
    }

    /// <summary>"152.3 mA 12.00 V" (", read-back" after a power read-back); null for a detail in no such form.</summary>
    private static (double Milliamperes, bool ReadBack)? SupplyCurrentOf(string detail)
    {
        var match = SupplyCurrentPattern().Match(detail);
        return match.Success && double.TryParse(match.Groups["milliamperes"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliamperes)
            ? (milliamperes, detail.EndsWith(", read-back", StringComparison.Ordinal))
            : null;
    }

    /// <summary>The lane and label of an event; null for events a timeline does not show (the trial's own bookkeeping).</summary>
    private static (TimelineLane Lane, string Label)? Classify(StoredEvent stored) => (stored.Source, stored.Kind) switch
    {
        (_, "trial-event") => (TimelineLane.Bench, stored.Detail),
        (_, "trial-started" or "trial-ended" or "injection-armed" or "injection-disarmed") => null,
        (_, "flush-sale") => (TimelineLane.Bench, "flush sale"),
        (_, "ecr-line") => (TimelineLane.Ecr, Words(stored.Detail, 2)),
        (_, "swipe") => (TimelineLane.Ecr, "swipe"),
        (_, "terminal-console") => (TimelineLane.Terminal, ConsoleLabel(stored.Detail)),
        (_, "connection-opened") => (TimelineLane.Link, "open " + (stored.ConnectionId ?? ConnectionOf(stored.Detail))),
        (_, "connection-closed") => (TimelineLane.Link, "close " + (stored.ConnectionId ?? ConnectionOf(stored.Detail))),
        ("ledger", _) or (_, "ledger") => (TimelineLane.Host, JsonValues.Text(JsonValues.Parse(stored.Detail) ?? default, "kind") ?? "ledger"),
        ("host", _) => (TimelineLane.Host, stored.Kind),
        ("rig" or "injection", _) => (TimelineLane.Injections, stored.Kind),
        ("ecr", _) => (TimelineLane.Ecr, stored.Kind),
        ("terminal", _) => (TimelineLane.Terminal, stored.Kind),
        ("bench", _) => (TimelineLane.Bench, stored.Kind),
        // Modems, the NAC, the carrier and the link emulator: everything between terminal and host.
        _ => (TimelineLane.Link, stored.Kind),
    };

    private static string? TerminalIdOf(ReportRun run, long experimentId) =>
        run.Experiments.FirstOrDefault(experiment => experiment.Id == experimentId)?.DetailsJson is { } json && JsonValues.Parse(json) is { } details
            ? JsonValues.Text(details, "terminalId")
            : null;

    private static string? FieldOf(string summary, string field)
    {
        var match = FieldPattern().Match(summary);
        while (match.Success)
        {
            if (match.Groups["field"].Value == field) return match.Groups["value"].Value;
            match = match.NextMatch();
        }
        return null;
    }

    private static string ConnectionOf(string detail) => JsonValues.Parse(detail) is { } json ? JsonValues.Text(json, "connection") ?? "" : "";

    /// <summary>"TX 0200 11=…" reads as "TX 0200"; other console lines by their first word.</summary>
    private static string ConsoleLabel(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2 && words[1].Length == 4 && words[1].All(char.IsAsciiDigit) ? $"{words[0]} {words[1]}" : Words(line, 1);
    }

    private static string Words(string text, int count)
    {
        var label = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(count));
        return label.Length <= LabelLength ? label : label[..(LabelLength - 1)] + "…";
    }

    [GeneratedRegex(@"(?:^|\s)(?<field>\d{1,3})=(?<value>\S*)")]
    private static partial Regex FieldPattern();

    [GeneratedRegex(@"^(?<milliamperes>-?\d+(?:\.\d+)?) mA ")]
    private static partial Regex SupplyCurrentPattern();
}
