using System.Text.Json;
using Bench.Codec;
using Bench.Results;

namespace Bench.Reports.Tests;

/// <summary>
/// A small run written into a results store by hand, as the campaign runner and the stations would write it
/// (no campaign runs: CI time): two experiments, five trials (one a timeout, one invalid), frames with a card
/// number in them, ECR lines, an injection span, and the summary and checker documents.
/// </summary>
internal static class SampleRun
{
    /// <summary>A card number that must never reach a report unmasked.</summary>
    public const string Pan = "6222021234567890128";

    public const string MaskedPan = "622202*********0128";

    public const string RunKey = "20261130T010000.000Z-feedf00d";

    public const string DelayExperiment = "pax-delay";

    public const string CutExperiment = "line-cut";

    private const long Second = 1_000_000_000;

    private static readonly MagneticStripeCard Card = new(Pan, "3012", "220", "0000000000");

    /// <summary>What the summary document's expectations say; null leaves the array out.</summary>
    public static string ExpectationsJson => """
        [
          { "experiment": "pax-delay", "name": "threshold near the configured timeout", "quantity": "threshold", "unit": "s",
            "measured": 59.88, "low": 59, "high": 61, "verdict": "pass", "detail": "within 1 s", "trialIndex": null },
          { "experiment": "pax-delay", "name": "reversal sent after the timeout", "quantity": "reversals", "unit": "",
            "measured": 0, "low": 1, "high": null, "verdict": "fail", "detail": "no 0400 <script>alert(1)</script> & nothing", "trialIndex": 2 },
          { "experiment": "line-cut", "name": "time to result", "quantity": "time to result", "unit": "s",
            "measured": 31.5, "low": null, "high": 32, "verdict": "marginal", "detail": "within 2 % of the limit", "trialIndex": 1 }
        ]
        """;

    /// <summary>Writes the run into <paramref name="store"/> and returns its id.</summary>
    public static async Task<long> WriteAsync(ResultsStore store, bool withExpectations = true, bool withChecker = true)
    {
        var runId = store.CreateRun("sample", JsonSerializer.Serialize(new
        {
            campaign = "fixtures/campaigns/sample.yaml",
            rawFrames = false,
            overrides = new[] { new { path = "card.pan", value = Pan } },
            rig = "simulated",
            terminalModels = new[] { "PAX S90" },
            benchCommit = "0123456789abcdef0123456789abcdef01234567",
        }), RunKey);
        var delay = store.AddExperiment(runId, DelayExperiment, "hostResponseDelay", "host response delay",
            """{"terminalModel":"PAX S90","terminalId":"10000001","firmwareVersion":"S90-FW 2.1.4","unit":"s"}""");
        var cut = store.AddExperiment(runId, CutExperiment, "phoneLineCut", "cut duration",
            """{"terminalModel":"Ingenico iCT220","terminalId":"30000003","unit":"s"}""");

        var origin = MonotonicTime.NowNanoseconds();
        long At(double seconds) => origin + (long)(seconds * Second);
        await using (var recorder = new FrameRecorder(store, runId))
        {
            Trial(store, runId, delay, 1, 30, "Approved", At(0), At(2), 30.4, 30.0);
            Trial(store, runId, delay, 2, 60, "Timeout", At(3), At(7), 60.1, 60.4);
            Trial(store, runId, delay, 3, 59.8, "Approved", At(8), At(11), 60.0, 59.8);
            Trial(store, runId, cut, 1, 3, "Approved", At(12), At(14), 31.5, 2.0);
            Trial(store, runId, cut, 2, 4.5, "RigFault", At(15), At(16), 0, null, "line relay read-back disagrees");

            // Trial 2 of pax-delay: the sale, its 0200 with the card in it, the held reply, the timeout.
            recorder.Record(new EventRecord(At(3.0), "bench", "trial-event", "start"));
            recorder.Record(new EventRecord(At(3.01), "injection", "injection-applied", "host response delay 60 s"));
            recorder.Record(new EventRecord(At(3.05), "ecr", "ecr-line", "ACK SALE 100"));
            recorder.Record(new EventRecord(At(3.10), "rig", "swipe", "solenoid pulse, dwell 150 ms terminal time"));
            recorder.Record(new EventRecord(At(3.20), "host", "connection-opened", """{"connection":"c2","remote":"127.0.0.1:40000"}""") { ConnectionId = "c2" });
            recorder.Record(new EventRecord(At(3.22), "terminal", "terminal-console", $"TX 0200 2={Pan} 11=000002"));
            var sale = MessageFactory().Sale(new SaleDetails(Card, 100, "000002", "000001"));
            recorder.Record(new FrameRecord(At(3.25), "c2", FrameDirection.Received, IsoCodec.Cup.Encode(sale), sale));
            recorder.Record(new EventRecord(At(6.50), "ecr", "ecr-line", "RESULT TIMEOUT"));
            recorder.Record(new EventRecord(At(6.60), "host", "connection-closed", """{"connection":"c2","reason":"peer closed"}""") { ConnectionId = "c2" });
            recorder.Record(new EventRecord(At(7.20), "injection", "injection-released", "host response delay"));
            // The terminal's supply, as the rig's INA219 read it: idle, the modem's burst as the 0200 went out, a read-back.
            recorder.Record(new EventRecord(At(3.0), "rig", "supply-current", "150.0 mA 12.00 V"));
            recorder.Record(new EventRecord(At(3.21), "rig", "supply-current", "500.2 mA 11.98 V"));
            recorder.Record(new EventRecord(At(3.29), "rig", "supply-current", "150.1 mA 12.00 V"));
            recorder.Record(new EventRecord(At(6.9), "rig", "supply-current", "0.0 mA 0.00 V, read-back"));
            // Another terminal's sale in the same window (background load): not this trial's.
            var other = new MessageFactory(new TerminalIdentity("99999999", "898100012349999")).Sale(new SaleDetails(Card, 100, "000777", "000001"));
            recorder.Record(new FrameRecord(At(4.0), "c9", FrameDirection.Received, IsoCodec.Cup.Encode(other), other));
        }

        var summary = $$"""
            {
              "runId": "{{RunKey}}",
              "campaignName": "sample",
              "startedAt": "2026-11-30T01:00:00+00:00",
              "endedAt": "2026-11-30T01:00:20+00:00",
              "experiments": [
                { "name": "pax-delay", "injectionKind": "hostResponseDelay", "parameterName": "host response delay", "parameterUnit": "s",
                  "status": "found", "threshold": 59.9, "lastApproved": 59.8, "firstTimeout": 60, "trialsUsed": 3, "rigFaults": 0,
                  "configuredTimeoutSeconds": 60, "terminalModel": "PAX S90", "explanation": "flips between 59.8 (approved) and 60 (timeout)",
                  "trigger": "start", "link": "ethernet", "probabilistic": false, "intervalLow": 59.8, "intervalHigh": 60,
                  "prediction": { "value": 60, "low": null, "high": null, "basis": "configured response timeout 60 s" } },
                { "name": "line-cut", "injectionKind": "phoneLineCut", "parameterName": "cut duration", "parameterUnit": "s",
                  "status": "aborted", "threshold": null, "lastApproved": null, "firstTimeout": null, "trialsUsed": 1, "rigFaults": 1,
                  "configuredTimeoutSeconds": 30, "terminalModel": "Ingenico iCT220", "explanation": "aborted after 1 invalid trial in a row",
                  "probabilistic": false, "intervalLow": null, "intervalHigh": null, "prediction": null }
              ],
              "overrides": [ { "path": "card.pan", "value": "{{Pan}}" } ]
              {{(withChecker ? """
              , "checker": { "transactions": 4, "counts": { "clean": 3, "orphanDebit": 1 }, "failed": true,
                  "conservation": { "hostNetDebitsMinorUnits": 400, "approvedReceiptsMinorUnits": 300 },
                  "violations": [ { "class": "orphanDebit", "ledgerKey": "10000001/000001/000002",
                      "trial": { "trialId": 2, "experiment": "pax-delay", "index": 2, "parameter": 60 },
                      "whatHappened": "debited 100, terminal showed Timeout, no reversal", "fatal": true } ] }
              """ : "")}}
              {{(withExpectations ? ", \"expectations\": " + ExpectationsJson : "")}}
            }
            """;
        store.SaveDocument(runId, RunDocumentNames.Summary, summary);
        if (withChecker) store.SaveDocument(runId, RunDocumentNames.Checker, """{"transactions":[],"failed":true}""");
        store.EndRun(runId, "completed");
        return runId;
    }

    private static MessageFactory MessageFactory() => new(new TerminalIdentity("10000001", "898100012340001"));

    private static void Trial(
        ResultsStore store, long runId, long experimentId, int index, double parameter, string outcome, long started, long ended,
        double timeToResult, double? requestToReply, string? invalid = null) =>
        store.RecordTrial(new TrialRecord(runId, experimentId, index, parameter, outcome, started, ended)
        {
            DetailsJson = JsonSerializer.Serialize(new
            {
                terminalResult = outcome == "RigFault" ? null : outcome,
                timeToResultSeconds = timeToResult,
                hostRequestToReplySeconds = requestToReply,
                ledgerNetDebitMinorUnits = 100,
                stan = $"00000{index}",
                rigFault = invalid,
            }),
        });
}
