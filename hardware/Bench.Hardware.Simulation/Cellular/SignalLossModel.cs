namespace Bench.Hardware.Simulation.Cellular;

/// <summary>
/// How a cellular link loses packets as the signal falls (DESIGN.md §5: RSRP ≥ −80 dBm excellent, −90 to −100
/// fair, ≤ −100 poor, ≤ −120 the link fails). Below <see cref="NoLinkDbm"/> there is no link at all; above it
/// each transmission of a segment is lost with the logistic probability
/// <c>p(r) = MaximumLoss / (1 + exp((r − MidpointDbm) / WidthDb))</c>.
/// With the defaults: −80 dBm 0.05 %, −90 0.6 %, −100 6.8 %, −105 20 %, −110 45 %, −115 70 %, just above −120 83 %.
/// Each loss costs TCP's back-off, so a poor signal stretches an exchange past a 30 or 60 s response timer.
/// </summary>
public sealed class SignalLossModel
{
    /// <param name="midpointDbm">RSRP at which the loss is half of <paramref name="maximumLoss"/>.</param>
    /// <param name="widthDb">How many dB the curve takes to rise by a factor of e near the midpoint; positive.</param>
    /// <param name="maximumLoss">The loss the curve tends to as the signal vanishes; at least 0, below 1.</param>
    /// <param name="noLinkDbm">At or below this RSRP there is no link: the module is not registered.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range (named).</exception>
    public SignalLossModel(double midpointDbm = -110, double widthDb = 4, double maximumLoss = 0.9, double noLinkDbm = -120)
    {
        if (!double.IsFinite(midpointDbm))
        {
            throw new ArgumentOutOfRangeException(nameof(midpointDbm), midpointDbm, "the midpoint must be a finite RSRP in dBm");
        }

        if (!double.IsFinite(widthDb) || widthDb <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(widthDb), widthDb, "the width must be a positive number of dB");
        }

        if (!double.IsFinite(maximumLoss) || maximumLoss is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumLoss), maximumLoss, "the maximum loss must be at least 0 and below 1");
        }

        if (!double.IsFinite(noLinkDbm))
        {
            throw new ArgumentOutOfRangeException(nameof(noLinkDbm), noLinkDbm, "the no-link level must be a finite RSRP in dBm");
        }

        MidpointDbm = midpointDbm;
        WidthDb = widthDb;
        MaximumLoss = maximumLoss;
        NoLinkDbm = noLinkDbm;
    }

    /// <summary>The curve DESIGN.md §5 is read as.</summary>
    public static SignalLossModel Default { get; } = new();

    /// <summary>RSRP at which the loss is half of <see cref="MaximumLoss"/>.</summary>
    public double MidpointDbm { get; }

    /// <summary>The logistic's scale in dB.</summary>
    public double WidthDb { get; }

    /// <summary>The loss the curve tends to as the signal vanishes.</summary>
    public double MaximumLoss { get; }

    /// <summary>At or below this RSRP the link fails.</summary>
    public double NoLinkDbm { get; }

    /// <summary>True when <paramref name="rsrpDbm"/> is strong enough for any link.</summary>
    public bool HasLink(double rsrpDbm) => rsrpDbm > NoLinkDbm;

    /// <summary>The probability that one transmission of a segment is lost at <paramref name="rsrpDbm"/> (the curve; see <see cref="HasLink"/> for the cut-off).</summary>
    public double LossProbability(double rsrpDbm) => MaximumLoss / (1 + Math.Exp((rsrpDbm - MidpointDbm) / WidthDb));

    /// <inheritdoc/>
    public override string ToString() =>
        $"loss {MaximumLoss:0.##}/(1+exp((RSRP{-MidpointDbm:+0.#;-0.#})/{WidthDb:0.#} dB)), no link at or below {NoLinkDbm:0.#} dBm";
}
