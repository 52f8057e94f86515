using Bench.Results;

namespace Bench.Campaigns.Checking;

/// <summary>Runs the checker on a run from the results store alone: the history, then the verdicts.</summary>
public static class CheckerRunner
{
    public static CheckerReport Check(ResultsStore store, long runId) => MoneyChecker.Check(HistoryBuilder.Build(store, runId));
}
