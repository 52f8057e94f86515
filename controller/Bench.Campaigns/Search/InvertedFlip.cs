using System.Globalization;

namespace Bench.Campaigns.Search;

/// <summary>
/// Lets the searches, which look for approved below and timeout above, measure a kind whose sale is
/// lost below the threshold and approved above it: outcomes are mirrored going in, and the result is
/// mirrored back so that its bracket, status and explanation speak of what the terminal really showed.
/// </summary>
public static class InvertedFlip
{
    public static TrialOutcome Mirror(TrialOutcome outcome) => outcome switch
    {
        TrialOutcome.Approved => TrialOutcome.Timeout,
        TrialOutcome.Timeout => TrialOutcome.Approved,
        _ => outcome,
    };

    public static ThresholdSearchResult Restore(ThresholdSearchResult result)
    {
        var lastTimeout = result.LastApproved;
        var firstApproved = result.FirstTimeout;
        var (status, explanation) = result.Status switch
        {
            ThresholdSearchStatus.Found when lastTimeout is { } low && firstApproved is { } high =>
                (ThresholdSearchStatus.Found, $"flips between {Text(low)} (timeout) and {Text(high)} (approved)"),
            ThresholdSearchStatus.NotFoundTimeoutAtLowerBound =>
                (ThresholdSearchStatus.NotFoundApprovedAtLowerBound,
                    $"threshold not found: below the range, the terminal was already approved at the lower bound {Text(result.FirstTimeout ?? double.NaN)}"),
            ThresholdSearchStatus.NotFoundApprovedAtUpperBound =>
                (ThresholdSearchStatus.NotFoundTimeoutAtUpperBound,
                    $"threshold not found: above the range, the terminal still lost the sale at the upper bound {Text(result.LastApproved ?? double.NaN)}"),
            // Aborted: by an invalid trial or a decline, neither of which was mirrored.
            _ => (result.Status, result.Explanation),
        };
        return result with
        {
            Status = status,
            Explanation = explanation,
            // The summary's "last approved" / "first timeout" pair is the bracket in the parameter's order.
            LastApproved = lastTimeout,
            FirstTimeout = firstApproved,
            Trials = result.Trials.Select(trial => trial with { Outcome = Mirror(trial.Outcome) }).ToList(),
        };
    }

    private static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
