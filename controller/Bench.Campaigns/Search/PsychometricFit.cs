namespace Bench.Campaigns.Search;

/// <summary>The logistic a psychometric posterior settles on: the 50 % point (posterior median) with its 95 % credible interval, and the slope.</summary>
/// <param name="Threshold">The 50 % point: the posterior median of the threshold.</param>
/// <param name="IntervalLow">Lower end of the threshold's 95 % credible interval.</param>
/// <param name="IntervalHigh">Upper end of the threshold's 95 % credible interval.</param>
/// <param name="Slope">The logistic's scale in the parameter's unit, posterior mean.</param>
public sealed record PsychometricFit(double Threshold, double IntervalLow, double IntervalHigh, double Slope)
{
    public double IntervalWidth => IntervalHigh - IntervalLow;
}
