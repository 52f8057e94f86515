namespace Bench.Campaigns.Search;

/// <summary>
/// Which side of the flip, as the search sees it (approved below, timeout above), has the shorter trials. A lost sale
/// waits out the terminal's timers, so the side where the terminal really approves is the cheap one: below the
/// threshold for most kinds, above it for a mirrored kind (<see cref="InvertedFlip"/>).
/// </summary>
public enum CheapSide
{
    /// <summary>Trials below the threshold end sooner (a delay shorter than the timeout is approved at once).</summary>
    Below,

    /// <summary>Trials above the threshold end sooner (a mirrored kind: really approved above its threshold).</summary>
    Above,
}
