using Bench.Results;

namespace Bench.Campaigns.Running;

/// <summary>The results store and the run in it that a campaign's experiments and trials go to.</summary>
public sealed record ResultsRun(ResultsStore Store, long RunId)
{
    /// <summary>The run's unique id (<see cref="RunKeys"/>) for summary.json; null lets the runner name the run.</summary>
    public string? RunKey { get; init; }

    /// <summary>For a resumed run (<c>bench run --resume</c>): what the interrupted run had finished; null for a new run.</summary>
    public ResumedTrials? Resumed { get; init; }
}
