using System.Globalization;
using System.Text.Json;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Stations;
using Bench.Codec;
using Bench.Hardware.Ecr;
using Bench.Host;
using Bench.Results;

namespace Bench.Campaigns.Checking;

/// <summary>
/// Assembles a run's <see cref="TransactionHistory"/> from the results store alone: sale and reversal frames
/// (decoded from their stored bodies), the host's ledger bookings (events of kind <c>ledger</c>), each sale as the
/// terminal's ECR port told it (from <c>ACK SALE</c> to its <c>RESULT</c>, or <c>BOOTING</c> when the power went),
/// the trials (what each trial's sale showed, its ledger key), injection spans, and what the final settle left pending.
/// </summary>
public static class HistoryBuilder
{
    public static TransactionHistory Build(ResultsStore store, long runId)
    {
        ArgumentNullException.ThrowIfNull(store);
        var messages = store.ReadFrames(runId).Select(ToMessage).OfType<HostMessage>().ToList();
        var events = store.ReadEvents(runId);
        var experiments = store.ReadExperiments(runId).ToDictionary(experiment => experiment.Id, ExperimentFacts.Parse);
        var trials = store.ReadTrials(runId).Select(trial => TrialFacts.Parse(trial, experiments.GetValueOrDefault(trial.ExperimentId))).ToList();

        var ledger = events.Where(stored => stored.Kind == EventKinds.Ledger).Select(ToLedgerEntry).OfType<LedgerEntry>().ToList();
        // Background load comes from terminals that are not under test: the checker judges only the terminals the experiments ran.
        var underTest = experiments.Values.Select(experiment => experiment.TerminalId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (underTest.Count > 0)
        {
            messages = messages.Where(message => underTest.Contains(message.Key.TerminalId)).ToList();
            ledger = ledger.Where(entry => underTest.Contains(entry.Key.TerminalId)).ToList();
        }
        var injections = Injections(events, trials);
        var settles = SettleSpans(events);
        var keys = new KeyResolver(messages);
        var starts = new List<SaleStart>();
        var operations = Operations(events, trials, settles, keys, starts);
        var pending = events.Where(stored => stored.Kind == CheckerEventKinds.ReversalPendingAtEnd)
            .Select(stored => (stored, detail: Json(stored.Detail)))
            .Where(item => Text(item.detail, "terminalId") is not null && Text(item.detail, "stan") is not null)
            .Select(item => new PendingReversalAtEnd(keys.Resolve(Text(item.detail, "terminalId")!, Text(item.detail, "stan")!), item.stored.TimestampNanoseconds))
            .ToList();
        var resendCounts = experiments.Values.Where(experiment => experiment.TerminalId is not null && experiment.ResendCount is not null)
            .GroupBy(experiment => experiment.TerminalId!)
            .ToDictionary(group => group.Key, group => group.Max(experiment => experiment.ResendCount!.Value));
        var end = new[] { events.Select(stored => stored.TimestampNanoseconds), messages.Select(message => message.TimestampNanoseconds), trials.Select(trial => trial.Stored.EndedNanoseconds) }
            .SelectMany(times => times).DefaultIfEmpty(0).Max();
        return new TransactionHistory(operations, messages, ledger, injections, pending, resendCounts, end) { SaleStarts = starts };
    }

    /// <summary>The sale or reversal frame as the checker reads it; null for every other frame and for a body that does not decode.</summary>
    public static HostMessage? ToMessage(StoredFrame frame)
    {
        if (frame.Mti is not (MessageTypes.FinancialRequest or MessageTypes.FinancialResponse or MessageTypes.ReversalRequest or MessageTypes.ReversalResponse))
            return null;
        IsoMessage message;
        try
        {
            message = IsoCodec.Cup.Decode(frame.Body);
        }
        catch (IsoDecodeException)
        {
            return null;
        }
        if (message.Stan is not { } stan || message[41] is null) return null;
        var received = frame.Direction == FrameDirection.Received;
        HostMessageKind kind;
        LedgerKey key;
        if (message.Mti is MessageTypes.FinancialRequest or MessageTypes.FinancialResponse)
        {
            if (message.ProcessingCode != ProcessingCodes.Sale || message[60] is not { Length: >= 8 }) return null;
            kind = received ? HostMessageKind.SaleRequest : HostMessageKind.SaleReply;
            key = RequestCheck.Key(message);
        }
        else
        {
            if (message[61] is not { Length: >= 12 } original || original.AsSpan(0, 12).ContainsAnyExceptInRange('0', '9')) return null;
            kind = received ? HostMessageKind.ReversalRequest : HostMessageKind.ReversalReply;
            key = RequestCheck.OriginalKey(message);
        }
        if (received != (kind is HostMessageKind.SaleRequest or HostMessageKind.ReversalRequest)) return null;
        var amount = message[4] is { } field4 && long.TryParse(field4, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : (long?)null;
        return new HostMessage(kind, key, stan, message.ResponseCode, frame.TimestampNanoseconds, frame.ConnectionId) { AmountMinorUnits = amount };
    }

    /// <summary>A ledger booking as the host recorded it (<c>HostSimulator</c>'s ledger event); null when the detail lacks a field.</summary>
    public static LedgerEntry? ToLedgerEntry(StoredEvent stored)
    {
        var detail = Json(stored.Detail);
        if (Text(detail, "kind") is not { } kindText || !Enum.TryParse<LedgerEntryKind>(kindText, out var kind)
            || Text(detail, "terminal_id") is not { } terminal || Text(detail, "batch") is not { } batch || Text(detail, "stan") is not { } stan
            || Number(detail, "net_effect") is not { } effect)
            return null;
        return new LedgerEntry(new LedgerKey(terminal, batch, stan), kind, effect, stored.TimestampNanoseconds)
        {
            ConnectionId = stored.ConnectionId,
            ReversalReason = Text(detail, "reason"),
            RetrievalReferenceNumber = Text(detail, "rrn"),
        };
    }

    private static List<SaleOperation> Operations(
        IReadOnlyList<StoredEvent> events, IReadOnlyList<TrialFacts> trials, IReadOnlyList<SettleSpan> settles, KeyResolver keys, List<SaleStart> starts)
    {
        var operations = new List<SaleOperation>();
        var seen = new HashSet<(string Terminal, string Stan)>();
        // Where each trial proper began (after any flush sale): the trigger event "start".
        var trialStarts = events.Where(stored => stored.Kind == StationEventKinds.TrialEvent && stored.Detail == TrialEventKinds.Start)
            .Select(stored => stored.TimestampNanoseconds).ToList();
        foreach (var episode in SaleEpisodes(events))
        {
            var trial = trials.LastOrDefault(candidate => candidate.Stored.StartedNanoseconds <= episode.Acknowledged
                && episode.Acknowledged <= candidate.Stored.EndedNanoseconds);
            var settle = settles.LastOrDefault(span => span.Started <= episode.Acknowledged && episode.Acknowledged <= span.Ended);
            // The station's own terminal when the trial or settle names it: other terminals (a peak hour's background
            // load) send the same STANs at the same moments, so a STAN alone may name the wrong one.
            var terminal = trial?.TerminalId ?? settle?.TerminalId
                ?? (episode.Stan is null ? null : keys.TerminalOf(episode.Stan, episode.Acknowledged, episode.Ended));
            if (terminal is null) continue;
            starts.Add(new SaleStart(terminal, episode.Acknowledged));
            // A port that names no STAN: a sale it saw to its RESULT is the terminal's first 0200 for its amount meanwhile, as the
            // trial executor matches it. One cut short (power lost) is left to its trial's record, which knows what the port missed.
            var stan = episode.Stan ?? (episode.ResultAt is { } resultAt ? keys.SaleRequestStan(terminal, episode.Amount, episode.Acknowledged, resultAt) : null);
            if (stan is null) continue;
            var key = keys.Resolve(terminal, stan, episode.Acknowledged);
            var properStart = trial is null ? (long?)null : trialStarts.Where(time => time >= trial.Stored.StartedNanoseconds && time <= trial.Stored.EndedNanoseconds)
                .Cast<long?>().FirstOrDefault();
            // The trial's own sale is the one begun after its start event; a flush sale comes before it.
            var isTrialSale = trial is not null && (properStart is { } begun ? episode.Acknowledged >= begun : trial.Stan == stan);
            var role = isTrialSale ? TransactionRole.Trial
                : trial is not null ? TransactionRole.FlushSale
                : settle is not null ? TransactionRole.FinalSettle
                : TransactionRole.Other;
            // The trial's own record is what its search used: it knows a power loss the port cannot show.
            var result = isTrialSale && trial!.TerminalResult is { } trialResult ? trialResult : episode.Result;
            seen.Add((terminal, stan));
            operations.Add(new SaleOperation(key, episode.Amount, episode.Acknowledged, episode.ResultAt, OutcomeOf(result), result)
            {
                Role = role,
                Trial = trial?.Reference,
                // Only a sale without a result can rest on the approval it took in: a RESULT says what the terminal made of it.
                ApprovalTakenIn = episode.ApprovalTakenIn && episode.ResultAt is null,
            });
        }

        // A trial sale the ECR lines did not show (a port that lost lines): from the trial record alone.
        foreach (var trial in trials.Where(trial => trial.Stan is not null && trial.TerminalId is not null && !seen.Contains((trial.TerminalId, trial.Stan))))
        {
            var key = trial.Key ?? keys.Resolve(trial.TerminalId!, trial.Stan!, trial.Stored.StartedNanoseconds);
            var result = trial.TerminalResult ?? "NotObserved";
            operations.Add(new SaleOperation(key, keys.AmountOf(key) ?? 0, trial.Stored.StartedNanoseconds, trial.Stored.EndedNanoseconds, OutcomeOf(result), result)
            {
                Role = TransactionRole.Trial,
                Trial = trial.Reference,
            });
        }
        return operations;
    }

    private static OperationOutcome OutcomeOf(string terminalResult) => terminalResult switch
    {
        nameof(EcrSaleOutcome.Approved) => OperationOutcome.Approved,
        nameof(EcrSaleOutcome.Declined) => OperationOutcome.Declined,
        _ => OperationOutcome.Unknown,
    };

    /// <summary>Each sale on an ECR port: from ACK SALE to RESULT, or to BOOTING (power lost) or the next ACK SALE (no result).</summary>
    private static List<SaleEpisode> SaleEpisodes(IReadOnlyList<StoredEvent> events)
    {
        var episodes = new List<SaleEpisode>();
        SaleEpisode? open = null;
        foreach (var stored in events.Where(stored => stored.Kind == StationEventKinds.EcrLine))
        {
            var line = EcrLineParser.Parse(stored.Detail, 0);
            switch (line.Kind)
            {
                case EcrLineKind.Acknowledged:
                    if (open is not null) episodes.Add(open with { Result = "NoResult", Ended = stored.TimestampNanoseconds });
                    open = new SaleEpisode(
                        long.TryParse(line.Arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) ? amount : 0,
                        stored.TimestampNanoseconds);
                    break;
                case EcrLineKind.Sent when open is not null && line.Arguments[0] == MessageTypes.FinancialRequest:
                    open = open with { Stan = line.Arguments[1] };
                    break;
                case EcrLineKind.Received when open?.Stan is not null && line.Arguments[0] == MessageTypes.FinancialResponse
                    && line.Arguments[1] == open.Stan && line.Arguments[2] == ResponseCodes.Approved:
                    open = open with { ApprovalTakenIn = true };
                    break;
                case EcrLineKind.Result when open is not null:
                    episodes.Add(open with { Result = line.Outcome?.ToString() ?? "NoResult", ResultAt = stored.TimestampNanoseconds, Ended = stored.TimestampNanoseconds });
                    open = null;
                    break;
                case EcrLineKind.Booting when open is not null:
                    episodes.Add(open with { Result = "PowerLost", Ended = stored.TimestampNanoseconds });
                    open = null;
                    break;
            }
        }
        if (open is not null) episodes.Add(open with { Result = "NoResult" });
        return episodes;
    }

    private static List<InjectionSpan> Injections(IReadOnlyList<StoredEvent> events, IReadOnlyList<TrialFacts> trials)
    {
        var spans = new List<InjectionSpan>();
        var released = events.Where(stored => stored.Kind == StationEventKinds.InjectionReleased).ToList();
        var used = new HashSet<long>();
        foreach (var applied in events.Where(stored => stored.Kind == StationEventKinds.InjectionApplied))
        {
            var release = released.FirstOrDefault(candidate => !used.Contains(candidate.Id) && candidate.Detail == applied.Detail
                && candidate.TimestampNanoseconds >= applied.TimestampNanoseconds);
            if (release is not null) used.Add(release.Id);
            var trial = trials.LastOrDefault(candidate => candidate.Stored.StartedNanoseconds <= applied.TimestampNanoseconds
                && applied.TimestampNanoseconds <= candidate.Stored.EndedNanoseconds);
            spans.Add(new InjectionSpan(applied.Detail, applied.TimestampNanoseconds, release?.TimestampNanoseconds) { Trial = trial?.Reference });
        }
        return spans;
    }

    private static List<SettleSpan> SettleSpans(IReadOnlyList<StoredEvent> events)
    {
        var spans = new List<SettleSpan>();
        var open = new Dictionary<string, long>();
        foreach (var stored in events.Where(stored => stored.Kind == CheckerEventKinds.FinalSettle))
        {
            var detail = Json(stored.Detail);
            if (Text(detail, "terminalId") is not { } terminal) continue;
            if (Text(detail, "phase") == "started") open[terminal] = stored.TimestampNanoseconds;
            else if (open.Remove(terminal, out var started)) spans.Add(new SettleSpan(terminal, started, stored.TimestampNanoseconds));
        }
        spans.AddRange(open.Select(entry => new SettleSpan(entry.Key, entry.Value, long.MaxValue)));
        return spans;
    }

    private static JsonElement? Json(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement? element, string name) =>
        element is { } value && value.TryGetProperty(name, out var property)
            ? property.ValueKind switch
            {
                JsonValueKind.String => property.GetString(),
                JsonValueKind.Number => property.GetRawText(),
                _ => null,
            }
            : null;

    private static long? Number(JsonElement? element, string name) =>
        element is { } value && value.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.Number && property.TryGetInt64(out var number)
            ? number
            : null;

    private sealed record SaleEpisode(long Amount, long Acknowledged)
    {
        public string? Stan { get; init; }
        public bool ApprovalTakenIn { get; init; }
        public string Result { get; init; } = "NoResult";
        public long? ResultAt { get; init; }
        public long Ended { get; init; } = long.MaxValue;
    }

    private sealed record SettleSpan(string TerminalId, long Started, long Ended);

    /// <summary>What the checker needs of an experiment: its terminal id and resend count (written by the campaign runner).</summary>
    private sealed record ExperimentFacts(string Name, string? TerminalId, int? ResendCount)
    {
        public static ExperimentFacts Parse(StoredExperiment experiment)
        {
            var detail = experiment.DetailsJson is null ? null : Json(experiment.DetailsJson);
            return new ExperimentFacts(experiment.Name, Text(detail, "terminalId"), (int?)Number(detail, "reversalResendCount"));
        }
    }

    private sealed record TrialFacts(StoredTrial Stored, TrialReference Reference, string? TerminalId, string? Stan, string? TerminalResult, LedgerKey? Key)
    {
        public static TrialFacts Parse(StoredTrial trial, ExperimentFacts? experiment)
        {
            var detail = trial.DetailsJson is null ? null : Json(trial.DetailsJson);
            LedgerKey? key = null;
            if (detail is { } value && value.TryGetProperty("ledgerKey", out var ledgerKey) && ledgerKey.ValueKind == JsonValueKind.Object
                && Text(ledgerKey, "terminalId") is { } terminal && Text(ledgerKey, "batch") is { } batch && Text(ledgerKey, "stan") is { } stan)
                key = new LedgerKey(terminal, batch, stan);
            return new TrialFacts(
                trial,
                new TrialReference(trial.Id, trial.ExperimentName, trial.TrialIndex, trial.ParameterValue),
                key?.TerminalId ?? experiment?.TerminalId,
                key?.Stan ?? Text(detail, "stan"),
                Text(detail, "terminalResult"),
                key);
        }
    }

    /// <summary>Finds a sale's full key (its batch) from the frames that carried it: its own request, or a reversal naming it.</summary>
    private sealed class KeyResolver(IReadOnlyList<HostMessage> messages)
    {
        public string? TerminalOf(string stan, long from, long to) =>
            messages.FirstOrDefault(message => message.Kind == HostMessageKind.SaleRequest && message.Stan == stan
                && message.TimestampNanoseconds >= from && message.TimestampNanoseconds <= to)?.Key.TerminalId;

        /// <summary>The STAN of the terminal's first sale request for <paramref name="amount"/> the host received between the two times.</summary>
        public string? SaleRequestStan(string terminal, long amount, long from, long to) =>
            messages.FirstOrDefault(message => message.Kind == HostMessageKind.SaleRequest && message.Key.TerminalId == terminal
                && message.AmountMinorUnits == amount && message.TimestampNanoseconds >= from && message.TimestampNanoseconds <= to)?.Stan;

        /// <summary>The key of the terminal's sale with this STAN nearest after <paramref name="after"/> (else any), batch unknown when no frame names it.</summary>
        public LedgerKey Resolve(string terminal, string stan, long after = 0)
        {
            var candidates = messages.Where(message => message.Key.TerminalId == terminal && message.Key.Stan == stan
                && message.Kind is HostMessageKind.SaleRequest or HostMessageKind.ReversalRequest).ToList();
            var match = candidates.FirstOrDefault(message => message.TimestampNanoseconds >= after) ?? candidates.LastOrDefault();
            return match?.Key ?? new LedgerKey(terminal, LedgerKeys.UnknownBatch, stan);
        }

        public long? AmountOf(LedgerKey key) =>
            messages.FirstOrDefault(message => message.Key == key && message.AmountMinorUnits is not null)?.AmountMinorUnits;
    }
}
