namespace Bench.Plots;

/// <summary>One trial to plot.</summary>
/// <param name="Parameter">The swept parameter's value, e.g. the host delay in seconds.</param>
/// <param name="Outcome">What the terminal showed.</param>
/// <param name="TimeToResultSeconds">Terminal seconds from starting the sale to the result on screen.</param>
public sealed record TrialPoint(double Parameter, TrialPointOutcome Outcome, double TimeToResultSeconds);
