using Bench.Hardware;

namespace Bench.Campaigns.Running;

/// <summary>
/// The wall-time bound on one trial: a sale that outlives every timer the terminal has is the
/// bench's problem, not the terminal's. The bound is the terminal's timer budget (card read, then
/// connect and response for the sale and every reversal attempt) twice over, at the profile's
/// time scale, plus a fixed allowance for the rig. The settle window runs inside the bound, out of
/// the second half of the budget, so it may be at most <see cref="TimerBudget"/> long; campaigns
/// are checked against both at load (<c>CampaignLimits</c>).
/// </summary>
public static class TrialWatchdog
{
    /// <summary>Wall time the rig may add to a trial (safe state, ECR round trips, swipe).</summary>
    public static readonly TimeSpan RigAllowance = TimeSpan.FromSeconds(5);

    /// <summary>The longest wall-time bound a trial may have; a profile whose timers need more is refused at load.</summary>
    public static readonly TimeSpan MaximumWallTime = TimeSpan.FromHours(1);

    /// <summary>Terminal time of every timer one sale can run through: card read, then connect and response for the sale and each reversal attempt.</summary>
    public static TimeSpan TimerBudget(TerminalProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var attempts = profile.ReversalResendCount + 2;
        return profile.CardReadTimeout + (profile.ConnectTimeout + profile.ResponseTimeout) * attempts;
    }

    /// <summary>The wall-time bound of one trial on a terminal with this profile.</summary>
    /// <param name="timeScale">Terminal seconds per wall second: the profile's simulation time scale on the simulated rig, 1 on a real one.</param>
    public static TimeSpan WallTimeBound(TerminalProfile profile, double timeScale) =>
        TimerBudget(profile) * 2 / timeScale + RigAllowance;
}
