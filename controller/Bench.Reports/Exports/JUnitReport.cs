using System.Globalization;
using System.Text;
using System.Xml;

namespace Bench.Reports.Exports;

/// <summary>
/// junit.xml for CI servers (the Jenkins/Ant JUnit format): one <c>testsuite</c> for the run, one <c>testcase</c>
/// per expectation (class name: its experiment), a failed expectation as <c>failure</c> with the measured value
/// and the limits, a marginal one passing with a note in <c>system-out</c>. A run without expectations has one
/// test case per experiment (threshold found or not) and one for the lost-money checker.
/// </summary>
public static class JUnitReport
{
    public const string FileName = "junit.xml";

    /// <summary>The class name of the money checker's test case.</summary>
    public const string CheckerClassName = "checker";

    public static string Write(ReportRun run, string directory)
    {
        ArgumentNullException.ThrowIfNull(run);
        var path = Path.Combine(directory, FileName);
        var cases = run.Summary.Expectations is { Count: > 0 } expectations
            ? expectations.Select(expectation => ExpectationCase(run, expectation)).ToList()
            : [.. run.ExperimentResults.Select(experiment => ExperimentCase(run, experiment)), CheckerCase(run.Summary.Checker)];

        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var writer = XmlWriter.Create(path, settings);
        var identity = run.Identity;
        var time = Seconds(RunSeconds(run));
        writer.WriteStartDocument();
        writer.WriteStartElement("testsuites");
        writer.WriteAttributeString("name", $"bench {identity.Campaign}");
        writer.WriteAttributeString("tests", Count(cases.Count));
        writer.WriteAttributeString("failures", Count(cases.Count(item => item.Kind == CaseKind.Failure)));
        writer.WriteAttributeString("errors", Count(cases.Count(item => item.Kind == CaseKind.Error)));
        writer.WriteAttributeString("time", time);

        writer.WriteStartElement("testsuite");
        writer.WriteAttributeString("name", identity.Campaign);
        writer.WriteAttributeString("tests", Count(cases.Count));
        writer.WriteAttributeString("failures", Count(cases.Count(item => item.Kind == CaseKind.Failure)));
        writer.WriteAttributeString("errors", Count(cases.Count(item => item.Kind == CaseKind.Error)));
        writer.WriteAttributeString("skipped", Count(cases.Count(item => item.Kind == CaseKind.Skipped)));
        writer.WriteAttributeString("time", time);
        writer.WriteAttributeString("timestamp", Timestamp(identity.StartedUtc));
        writer.WriteAttributeString("id", identity.RunKey);

        writer.WriteStartElement("properties");
        foreach (var (name, value) in Properties(identity))
        {
            writer.WriteStartElement("property");
            writer.WriteAttributeString("name", name);
            writer.WriteAttributeString("value", value);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();

        foreach (var testCase in cases)
        {
            writer.WriteStartElement("testcase");
            writer.WriteAttributeString("name", testCase.Name);
            writer.WriteAttributeString("classname", testCase.ClassName);
            writer.WriteAttributeString("time", Seconds(testCase.Seconds));
            var element = testCase.Kind switch
            {
                CaseKind.Failure => "failure",
                CaseKind.Error => "error",
                CaseKind.Skipped => "skipped",
                _ => null,
            };
            if (element is not null)
            {
                writer.WriteStartElement(element);
                writer.WriteAttributeString("message", testCase.Message ?? "");
                writer.WriteAttributeString("type", testCase.Type ?? element);
                if (testCase.Text is { Length: > 0 } text) writer.WriteString(text);
                writer.WriteEndElement();
            }
            if (testCase.Output is { Length: > 0 } output) writer.WriteElementString("system-out", output);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
        return path;
    }

    private static JUnitCase ExpectationCase(ReportRun run, Expectation expectation)
    {
        var seconds = expectation.TrialIndex is { } index
            ? run.TrialsOf(expectation.Experiment).Where(trial => trial.TrialIndex == index).Select(TrialSeconds).FirstOrDefault()
            : 0;
        var measured = ReportNumbers.Measured(expectation);
        var summary = $"{expectation.Quantity ?? expectation.Name}: measured {measured}, limits {ReportNumbers.Limits(expectation)}";
        var trial = expectation.TrialIndex is { } decided ? $" (trial {decided.ToString(CultureInfo.InvariantCulture)})" : "";
        return expectation.Verdict switch
        {
            Expectation.Pass => new JUnitCase(expectation.Name, expectation.Experiment, seconds, CaseKind.Pass)
            {
                Output = $"{summary}{trial}{Sentence(expectation.Detail)}",
            },
            Expectation.Fail => new JUnitCase(expectation.Name, expectation.Experiment, seconds, CaseKind.Failure)
            {
                Message = summary,
                Type = "expectation",
                Text = $"{summary}{trial}{Sentence(expectation.Detail)}",
            },
            Expectation.Marginal => new JUnitCase(expectation.Name, expectation.Experiment, seconds, CaseKind.Pass)
            {
                Output = $"marginal: {summary}{trial}{Sentence(expectation.Detail)}",
            },
            _ => new JUnitCase(expectation.Name, expectation.Experiment, seconds, CaseKind.Skipped)
            {
                Message = $"verdict '{expectation.Verdict}' is none of pass, fail, marginal",
                Type = "verdict",
            },
        };
    }

    private static JUnitCase ExperimentCase(ReportRun run, ExperimentResult experiment)
    {
        var seconds = run.TrialsOf(experiment.Name).Sum(TrialSeconds);
        if (experiment.Found)
        {
            return new JUnitCase("threshold", experiment.Name, seconds, CaseKind.Pass)
            {
                Output = $"threshold {ReportNumbers.Value(experiment.Threshold, experiment.Unit)} ({experiment.Explanation}), {experiment.TrialsUsed} trials",
            };
        }
        var aborted = experiment.Status == "aborted";
        return new JUnitCase("threshold", experiment.Name, seconds, aborted ? CaseKind.Error : CaseKind.Failure)
        {
            Message = $"no threshold: {experiment.Explanation}",
            Type = aborted ? "aborted" : experiment.Status,
            Text = $"{experiment.InjectionKind} on {experiment.ParameterName}: {experiment.Explanation}; {experiment.TrialsUsed} trials, {experiment.RigFaults} invalid",
        };
    }

    private static JUnitCase CheckerCase(CheckerFindings? checker)
    {
        if (checker is null)
        {
            return new JUnitCase("money", CheckerClassName, 0, CaseKind.Skipped) { Message = "the run had no lost-money checker", Type = "no-checker" };
        }
        var counts = string.Join(", ", checker.Counts.Where(count => count.Count > 0).Select(count => $"{count.Class} {count.Count}"));
        var output = $"{checker.Transactions} transactions: {counts}";
        if (!checker.Failed) return new JUnitCase("money", CheckerClassName, 0, CaseKind.Pass) { Output = output };
        var fatal = checker.Violations.Where(violation => violation.Fatal).ToList();
        return new JUnitCase("money", CheckerClassName, 0, CaseKind.Failure)
        {
            Message = $"money lost, taken twice or given back twice: {string.Join(", ", fatal.GroupBy(violation => violation.Class).Select(group => $"{group.Key} {group.Count()}"))}",
            Type = "checker",
            Text = output + "\n" + string.Join("\n", fatal.Select(violation => $"{violation.Class} {violation.LedgerKey}: {violation.WhatHappened}")),
        };
    }

    private static IEnumerable<(string Name, string Value)> Properties(RunIdentity identity)
    {
        yield return ("runId", identity.RunKey);
        yield return ("campaign", identity.Campaign);
        if (identity.TerminalModels.Count > 0) yield return ("terminalModels", string.Join(", ", identity.TerminalModels));
        if (identity.FirmwareVersions.Count > 0) yield return ("firmwareVersions", string.Join(", ", identity.FirmwareVersions));
        if (identity.Rig is { } rig) yield return ("rig", rig);
        if (identity.BenchCommit is { } commit) yield return ("benchCommit", commit);
        foreach (var applied in identity.Overrides) yield return ("override", applied);
    }

    private static double TrialSeconds(Bench.Results.StoredTrial trial) => Math.Max(0, (trial.EndedNanoseconds - trial.StartedNanoseconds) / 1e9);

    private static double RunSeconds(ReportRun run) =>
        DateTimeOffset.TryParse(run.Run.StartedUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started)
        && DateTimeOffset.TryParse(run.Run.EndedUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ended)
        && ended >= started
            ? (ended - started).TotalSeconds
            : run.Trials.Sum(TrialSeconds);

    /// <summary>JUnit's ISO 8601 timestamp without a zone (the schema's readers take UTC).</summary>
    private static string Timestamp(string utc) =>
        DateTimeOffset.TryParse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : utc;

    // Plain decimal seconds: the schema's time type takes no exponent and no sign.
    private static string Seconds(double seconds) => Math.Max(0, seconds).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Sentence(string? detail) => string.IsNullOrWhiteSpace(detail) ? "" : $": {detail}";

    private enum CaseKind
    {
        Pass,
        Failure,
        Error,
        Skipped,
    }

    private sealed record JUnitCase(string Name, string ClassName, double Seconds, CaseKind Kind)
    {
        public string? Message { get; init; }

        public string? Type { get; init; }

        public string? Text { get; init; }

        public string? Output { get; init; }
    }
}
