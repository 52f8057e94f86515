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
        // A dial-up terminal's connect is its dial attempts: each waits up to S7, then pauses before the next.
        var connect = profile.Link == LinkKind.Pstn
            ? (profile.Pstn.DialTimeout + profile.Pstn.RedialPause) * (profile.Pstn.DialRetries + 1)
            : profile.ConnectTimeout;
        return profile.CardReadTimeout + (connect + profile.ResponseTimeout) * attempts;
    }

    /// <summary>
    /// Terminal time an experiment's injection can add to a trial on top of the terminal's timers: a swept
    /// time (a late swipe, a line held down, a power cut's offset) and the settle a power cut holds the power off.
    /// </summary>
    public static TimeSpan InjectionBudget(Experiments.ExperimentDefinition experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var swept = experiment.Kind.ParameterIsTerminalSeconds ? TimeSpan.FromSeconds(Math.Min(experiment.Range.To, 3600)) : TimeSpan.Zero;
        return swept + experiment.Settle;
    }

    /// <summary>The wall-time bound of one trial on a terminal with this profile.</summary>
    /// <param name="timeScale">Terminal seconds per wall second: the profile's simulation time scale on the simulated rig, 1 on a real one.</param>
    /// <param name="experiment">Adds what the experiment's injection can add (<see cref="InjectionBudget"/>); null for none.</param>
    public static TimeSpan WallTimeBound(TerminalProfile profile, double timeScale, Experiments.ExperimentDefinition? experiment = null) =>
        ((TimerBudget(profile) * 2) + (experiment is null ? TimeSpan.Zero : InjectionBudget(experiment) * 2)) / timeScale + RigAllowance;
}
