using System.Text.Json;
using Bench.Campaigns.Experiments;
using Bench.Host;
using Bench.Results;

namespace Bench.Campaigns.Running;

/// <summary>
/// What an interrupted run had finished, for <c>bench run --resume</c>: per experiment, its id in results.db and
/// its stored trials in order. The searches are deterministic functions of the outcomes they are fed, so handing
/// each search its stored trials again (<see cref="ReplayingTrialExecutor"/>) brings it back to where it stopped.
/// Keeps, per experiment, how far replay has got; one run at a time uses it.
/// </summary>
public sealed class ResumedTrials
{
    private readonly Dictionary<string, StoredExperimentTrials> experiments;

    private ResumedTrials(Dictionary<string, StoredExperimentTrials> experiments, IReadOnlyList<LedgerEntry> ledger)
    {
        this.experiments = experiments;
        LedgerEntries = ledger;
    }

    /// <summary>
    /// What the interrupted run's hosts had booked, so the resumed hosts' ledgers go on from there: a reversal the
    /// terminal sends for a sale debited before the kill meets its debit.
    /// </summary>
    public IReadOnlyList<LedgerEntry> LedgerEntries { get; }

    /// <summary>Stored trials over all experiments.</summary>
    public int Count => experiments.Values.Sum(experiment => experiment.Trials.Count);

    /// <summary>Reads the run's experiments and trials back.</summary>
    /// <exception cref="FormatException">A stored trial cannot be read back.</exception>
    public static ResumedTrials Read(ResultsStore store, long runId)
    {
        ArgumentNullException.ThrowIfNull(store);
        var trials = store.ReadTrials(runId).ToLookup(trial => trial.ExperimentId);
        var experiments = new Dictionary<string, StoredExperimentTrials>(StringComparer.Ordinal);
        foreach (var experiment in store.ReadExperiments(runId))
        {
            var stored = trials[experiment.Id]
                .OrderBy(trial => trial.TrialIndex)
                .Select(trial => new ExecutedTrial(trial.ParameterValue ?? double.NaN, StoredTrialResult.Read(trial)))
                .ToList();
            // Experiment names are unique in a campaign; the first record of a name is the one its trials went to.
            experiments.TryAdd(experiment.Name, new StoredExperimentTrials(experiment.Id, stored));
        }
        return new ResumedTrials(experiments, [.. store.ReadEvents(runId, EventKinds.Ledger).Select(LedgerEntryOf)]);
    }

    /// <summary>A ledger entry back from the event the host recorded it as (HostSimulator's ledger events).</summary>
    private static LedgerEntry LedgerEntryOf(StoredEvent stored)
    {
        try
        {
            using var document = JsonDocument.Parse(stored.Detail);
            var detail = document.RootElement;
            string? Text(string name) => detail.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return new LedgerEntry(
                new LedgerKey(Text("terminal_id") ?? "", Text("batch") ?? "", Text("stan") ?? ""),
                Enum.Parse<LedgerEntryKind>(Text("kind") ?? ""),
                detail.GetProperty("net_effect").GetInt64(),
                stored.TimestampNanoseconds)
            {
                ConnectionId = stored.ConnectionId,
                RetrievalReferenceNumber = Text("rrn"),
                ReversalReason = Text("reason"),
                RequestMti = Text("request_mti"),
                OriginalResponseCode = Text("original_response_code"),
            };
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            throw new FormatException($"ledger event {stored.Id} cannot be read back ({error.Message})", error);
        }
    }

    /// <summary>The experiment's id in results.db when the interrupted run had started it, else null (add it).</summary>
    public long? ExperimentId(string experiment) => experiments.TryGetValue(experiment, out var stored) ? stored.Id : null;

    /// <summary>The stored trials of <paramref name="experiment"/>, in order (empty when it had not started).</summary>
    public IReadOnlyList<ExecutedTrial> Trials(string experiment) =>
        experiments.TryGetValue(experiment, out var stored) ? stored.Trials : [];

    /// <summary>
    /// The stored result of the search's next trial when it asks for the parameter the stored trial ran at;
    /// null once the stored trials have run out or replay has stopped (run a real trial). A different
    /// parameter stops replay for that experiment for good, reported through <paramref name="diverged"/>.
    /// </summary>
    public TrialResult? Replay(ExperimentDefinition experiment, double parameter, Action<ReplayDivergence>? diverged = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (!experiments.TryGetValue(experiment.Name, out var stored) || stored.Stopped || stored.Replayed >= stored.Trials.Count) return null;

        var next = stored.Trials[stored.Replayed];
        // Exact: the search computes the same parameter from the same outcomes, and SQLite keeps doubles bit for bit.
        if (next.Parameter.Equals(parameter))
        {
            stored.Replayed++;
            return next.Result with { Replayed = true };
        }

        stored.Stopped = true;
        diverged?.Invoke(new ReplayDivergence(experiment.Name, stored.Replayed + 1, parameter, next.Parameter, stored.Trials.Count - stored.Replayed));
        return null;
    }

    /// <summary>
    /// The trial index to record the search's <paramref name="trialNumber"/>-th trial under: the same number,
    /// unless replay stopped early, in which case new trials go after the stored ones it left, so no index repeats.
    /// </summary>
    public int TrialIndex(string experiment, int trialNumber) =>
        experiments.TryGetValue(experiment, out var stored) && stored.Stopped ? trialNumber + stored.Trials.Count - stored.Replayed : trialNumber;

    private sealed class StoredExperimentTrials(long id, IReadOnlyList<ExecutedTrial> trials)
    {
        public long Id { get; } = id;

        public IReadOnlyList<ExecutedTrial> Trials { get; } = trials;

        public int Replayed { get; set; }

        public bool Stopped { get; set; }
    }
}
