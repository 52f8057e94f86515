using System.Globalization;
using System.Text;
using Bench.Reports.Plots;
using Bench.Reports.Timelines;

namespace Bench.Reports.Html;

/// <summary>
/// report.html: one self-contained file (every image a data: URI, the style inline, no script, no request to
/// anywhere): the run's identity, each experiment's threshold, interval, prediction and trials, every
/// expectation's verdict, the money checker's classes, and the trial timelines, each failed or marginal
/// expectation linking to its trial's timeline within the file. Every text is HTML-escaped, card numbers masked.
/// </summary>
public static class HtmlReport
{
    public const string FileName = "report.html";

    private const string Style = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 1560px; color: #222; }
        h1 { font-size: 1.6em; } h2 { border-bottom: 2px solid #ccc; padding-bottom: .2em; margin-top: 2em; } h3 { margin-top: 1.6em; }
        table { border-collapse: collapse; margin: .6em 0; } th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
        th { background: #f2f2f2; } td.number { text-align: right; font-variant-numeric: tabular-nums; }
        .pass { color: #17692a; font-weight: bold; } .fail { color: #b00020; font-weight: bold; } .marginal { color: #a15c00; font-weight: bold; }
        .verdict-fail { background: #fde8eb; } .verdict-marginal { background: #fff4e0; }
        img { max-width: 100%; height: auto; border: 1px solid #ddd; margin: .4em 0; }
        figure { margin: 1em 0; } figcaption { color: #555; font-size: .9em; }
        .muted { color: #777; }
        """;

    public static string Write(ReportRun run, ReportFiles figures, string directory)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(figures);
        var timelines = figures.Timelines.ToDictionary(item => (item.Timeline.Experiment, item.Timeline.TrialIndex), item => item);
        var html = new StringBuilder();
        var identity = run.Identity;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append($"<title>{HtmlText.Escape($"bench report: {identity.Campaign} {identity.RunKey}")}</title>\n");
        html.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append($"<h1>{HtmlText.Escape(identity.Campaign)} <span class=\"muted\">run {HtmlText.Escape(identity.RunKey)}</span></h1>\n");

        Identity(html, identity, run.Summary);
        Contents(html, run, figures);
        if (figures.Overview is { } overview)
        {
            html.Append("<h2 id=\"thresholds\">Thresholds against injections</h2>\n");
            Image(html, overview.Png, "every experiment's threshold against its injection, with its bracket or interval and the prediction");
        }
        if (run.Summary.Expectations is { } expectations) Expectations(html, expectations, timelines);
        foreach (var experiment in run.ExperimentResults) Experiment(html, run, experiment, figures, timelines);
        if (run.Summary.Checker is { } checker) Checker(html, checker, timelines);
        Timelines(html, figures.Timelines);
        html.Append("</body>\n</html>\n");

        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, html.ToString(), new UTF8Encoding(false));
        return path;
    }

    private static void Identity(StringBuilder html, RunIdentity identity, RunSummaryDocument summary)
    {
        html.Append("<table id=\"identity\">\n");
        Row(html, "campaign", identity.Campaign + (identity.CampaignFile is { } file ? $" ({Path.GetFileName(file)})" : ""));
        Row(html, "run id", identity.RunKey);
        Row(html, "terminal model(s)", identity.TerminalModels.Count == 0 ? "unknown" : string.Join(", ", identity.TerminalModels));
        Row(html, "firmware version", identity.FirmwareVersions.Count == 0 ? "unknown" : string.Join(", ", identity.FirmwareVersions));
        Row(html, "rig", identity.Rig ?? "unknown");
        Row(html, "bench commit", identity.BenchCommit ?? "unknown");
        Row(html, "started (UTC)", summary.StartedAt ?? identity.StartedUtc);
        Row(html, "ended (UTC)", (summary.EndedAt ?? identity.EndedUtc ?? "not ended") + (identity.Outcome is { } outcome ? $" ({outcome})" : ""));
        Row(html, "overrides", identity.Overrides.Count == 0 ? "none" : string.Join("  ", identity.Overrides.Select(applied => "--set " + applied)));
        if (identity.RawFrames) Row(html, "frames", "stored raw (--raw-frames); exports here are masked");
        html.Append("</table>\n");
    }

    private static void Contents(StringBuilder html, ReportRun run, ReportFiles figures)
    {
        html.Append("<p>");
        var links = new List<string> { "<a href=\"#thresholds\">thresholds</a>" };
        if (run.Summary.Expectations is not null) links.Add("<a href=\"#expectations\">expectations</a>");
        links.AddRange(run.ExperimentResults.Select(experiment => $"<a href=\"#{Anchor(experiment.Name)}\">{HtmlText.Escape(experiment.Name)}</a>"));
        if (run.Summary.Checker is not null) links.Add("<a href=\"#checker\">money checker</a>");
        if (figures.Timelines.Count > 0) links.Add("<a href=\"#timelines\">trial timelines</a>");
        html.Append(string.Join(" · ", links)).Append("</p>\n");
    }

    private static void Expectations(
        StringBuilder html, IReadOnlyList<Expectation> expectations, IReadOnlyDictionary<(string, int), (TrialTimeline Timeline, PlotFiles Files)> timelines)
    {
        var failed = expectations.Count(expectation => expectation.Failed);
        var marginal = expectations.Count(expectation => expectation.IsMarginal);
        html.Append($"<h2 id=\"expectations\">Expectations: {expectations.Count - failed - marginal} pass, {failed} fail, {marginal} marginal</h2>\n");
        if (expectations.Count == 0)
        {
            html.Append("<p class=\"muted\">The campaign states no expectations.</p>\n");
            return;
        }
        html.Append("<table>\n<tr><th>experiment</th><th>expectation</th><th>quantity</th><th>measured</th><th>limits</th><th>verdict</th><th>detail</th><th>trial</th></tr>\n");
        foreach (var expectation in expectations)
        {
            var trial = expectation.TrialIndex is { } index
                ? timelines.ContainsKey((expectation.Experiment, index))
                    ? $"<a href=\"#{TimelineNames.Anchor(expectation.Experiment, index)}\">trial {index.ToString(CultureInfo.InvariantCulture)} timeline</a>"
                    : $"trial {index.ToString(CultureInfo.InvariantCulture)}"
                : $"<a href=\"#{Anchor(expectation.Experiment)}\">experiment</a>";
            html.Append($"<tr class=\"verdict-{HtmlText.Escape(expectation.Verdict)}\">")
                .Append(Cell(expectation.Experiment)).Append(Cell(expectation.Name)).Append(Cell(expectation.Quantity ?? ""))
                .Append(NumberCell(ReportNumbers.Measured(expectation))).Append(Cell(ReportNumbers.Limits(expectation)))
                .Append($"<td class=\"{HtmlText.Escape(expectation.Verdict)}\">{HtmlText.Escape(expectation.Verdict)}</td>")
                .Append(Cell(expectation.Detail ?? "")).Append($"<td>{trial}</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Experiment(
        StringBuilder html, ReportRun run, ExperimentResult experiment, ReportFiles figures,
        IReadOnlyDictionary<(string, int), (TrialTimeline Timeline, PlotFiles Files)> timelines)
    {
        html.Append($"<h2 id=\"{Anchor(experiment.Name)}\">{HtmlText.Escape(experiment.Name)}</h2>\n<table>\n");
        Row(html, "injection", $"{experiment.InjectionKind} ({experiment.ParameterName}{(experiment.Unit.Length > 0 ? ", " + experiment.Unit : "")})"
            + (experiment.Trigger is { } trigger ? $", trigger {trigger}" : "") + (experiment.Link is { } link ? $", link {link}" : ""));
        Row(html, "terminal", (experiment.TerminalModel ?? "unknown")
            + (experiment.TimeScale is { } scale ? $", time scale {ReportNumbers.Number(scale)}× (every time is terminal time)" : ""));
        Row(html, "result", experiment.Found ? "threshold found" : $"no threshold ({experiment.Status})");
        Row(html, experiment.Probabilistic ? "threshold (50 % point)" : "threshold", ReportNumbers.Value(experiment.Found ? experiment.Threshold : null, experiment.Unit));
        Row(html, experiment.Probabilistic ? "95 % interval" : "bracket", ReportNumbers.Interval(experiment.IntervalLow, experiment.IntervalHigh, experiment.Unit));
        var prediction = experiment.PredictionValue is not null
            ? ReportNumbers.Value(experiment.PredictionValue, experiment.Unit)
            : experiment.PredictionLow is not null || experiment.PredictionHigh is not null
                ? ReportNumbers.Interval(experiment.PredictionLow, experiment.PredictionHigh, experiment.Unit)
                : "none";
        Row(html, "prediction", prediction + (experiment.PredictionBasis is { } basis ? $" ({basis})" : ""));
        Row(html, "trials", $"{experiment.TrialsUsed} with a result, {experiment.RigFaults} invalid");
        Row(html, "how the search ended", experiment.Explanation);
        html.Append("</table>\n");

        if (figures.Experiments.FirstOrDefault(item => item.Experiment == experiment.Name) is { } plots)
        {
            Image(html, plots.Thresholds.OutcomePng, $"{experiment.Name}: outcome against {experiment.ParameterName}");
            Image(html, plots.Thresholds.TimeToResultPng, $"{experiment.Name}: time to result against {experiment.ParameterName}");
            Image(html, plots.Latency.Png, $"{experiment.Name}: latency distributions");
        }

        html.Append("<table>\n<tr><th>trial</th><th>parameter</th><th>outcome</th><th>terminal result</th><th>time to result (s)</th><th>host request → reply (s)</th><th>invalid because</th><th>timeline</th></tr>\n");
        foreach (var trial in run.TrialsOf(experiment.Name))
        {
            var details = TrialDetails.Of(trial);
            var timeline = timelines.ContainsKey((trial.ExperimentName, trial.TrialIndex))
                ? $"<a href=\"#{TimelineNames.Anchor(trial.ExperimentName, trial.TrialIndex)}\">timeline</a>"
                : "";
            html.Append("<tr>").Append(NumberCell(trial.TrialIndex.ToString(CultureInfo.InvariantCulture)))
                .Append(NumberCell(ReportNumbers.Value(trial.ParameterValue, experiment.Unit))).Append(Cell(trial.Outcome))
                .Append(Cell(details.TerminalResult ?? "")).Append(NumberCell(ReportNumbers.Number(details.TimeToResultSeconds)))
                .Append(NumberCell(ReportNumbers.Number(details.HostRequestToReplySeconds))).Append(Cell(details.RigFault ?? ""))
                .Append($"<td>{timeline}</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Checker(StringBuilder html, CheckerFindings checker, IReadOnlyDictionary<(string, int), (TrialTimeline Timeline, PlotFiles Files)> timelines)
    {
        html.Append($"<h2 id=\"checker\">Money checker: <span class=\"{(checker.Failed ? "fail" : "pass")}\">{(checker.Failed ? "money lost, taken twice or given back twice" : "no money lost")}</span></h2>\n");
        html.Append("<table>\n<tr><th>class</th><th>transactions</th></tr>\n");
        foreach (var (name, count) in checker.Counts)
            html.Append("<tr>").Append(Cell(name)).Append(NumberCell(count.ToString(CultureInfo.InvariantCulture))).Append("</tr>\n");
        html.Append("</table>\n");
        if (checker.HostNetDebitsMinorUnits is { } debits && checker.ApprovedReceiptsMinorUnits is { } receipts)
            html.Append($"<p>Conservation: host net debits {debits.ToString(CultureInfo.InvariantCulture)}, approved receipts {receipts.ToString(CultureInfo.InvariantCulture)} (minor units): "
                + $"<span class=\"{(checker.Balanced ? "pass" : "fail")}\">{(checker.Balanced ? "balanced" : "not balanced")}</span></p>\n");
        if (checker.Violations.Count == 0) return;
        html.Append("<table>\n<tr><th>class</th><th>transaction</th><th>what happened</th><th>trial</th></tr>\n");
        foreach (var violation in checker.Violations)
        {
            var trial = violation.TrialExperiment is { } experiment && violation.TrialIndex is { } index
                ? timelines.ContainsKey((experiment, index))
                    ? $"<a href=\"#{TimelineNames.Anchor(experiment, index)}\">{HtmlText.Escape(experiment)} #{index.ToString(CultureInfo.InvariantCulture)}</a>"
                    : $"{HtmlText.Escape(experiment)} #{index.ToString(CultureInfo.InvariantCulture)}"
                : "final settle";
            html.Append($"<tr class=\"{(violation.Fatal ? "verdict-fail" : "verdict-marginal")}\">").Append(Cell(violation.Class)).Append(Cell(violation.LedgerKey))
                .Append(Cell(violation.WhatHappened)).Append($"<td>{trial}</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Timelines(StringBuilder html, IReadOnlyList<(TrialTimeline Timeline, PlotFiles Files)> timelines)
    {
        if (timelines.Count == 0) return;
        html.Append("<h2 id=\"timelines\">Trial timelines</h2>\n<p class=\"muted\">Every trial that did not end approved, and every trial an expectation or the checker names; bench time, seconds from the trial's start.</p>\n");
        foreach (var (timeline, files) in timelines)
        {
            html.Append($"<figure id=\"{TimelineNames.Anchor(timeline.Experiment, timeline.TrialIndex)}\">\n");
            html.Append($"<img src=\"{HtmlText.PngDataUri(files.Png)}\" alt=\"{HtmlText.Escape($"{timeline.Experiment} trial {timeline.TrialIndex} timeline")}\">\n");
            html.Append($"<figcaption>{HtmlText.Escape($"{timeline.Experiment} trial {timeline.TrialIndex}: {timeline.Outcome}")} "
                + $"({HtmlText.Escape(TimelineNames.Folder + "/" + Path.GetFileName(files.Png))}, .svg beside it)</figcaption>\n</figure>\n");
        }
    }

    private static void Image(StringBuilder html, string png, string caption) =>
        html.Append($"<figure><img src=\"{HtmlText.PngDataUri(png)}\" alt=\"{HtmlText.Escape(caption)}\"><figcaption>{HtmlText.Escape(caption)}</figcaption></figure>\n");

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append($"<tr><th>{HtmlText.Escape(name)}</th><td>{HtmlText.Escape(value)}</td></tr>\n");

    private static string Cell(string text) => $"<td>{HtmlText.Escape(text)}</td>";

    private static string NumberCell(string text) => $"<td class=\"number\">{HtmlText.Escape(text)}</td>";

    private static string Anchor(string experiment) => TimelineNames.ExperimentAnchor(experiment);
}
