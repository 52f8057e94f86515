namespace Bench.Campaigns.Expectations;

/// <summary>
/// One limit a campaign sets on what an experiment measures, in the style of an OpenHTF measurement: a named
/// quantity, its unit (the experiment kind's, or a count) and inclusive limits. Evaluated once the run's checker
/// has judged its transactions (<see cref="ExpectationEvaluator"/>).
/// </summary>
/// <param name="Name">The name reports and JUnit use: the campaign key (<c>threshold</c>, <c>noOrphanDebit</c>) unless the campaign names it.</param>
/// <param name="Quantity">What is measured.</param>
/// <param name="Low">Inclusive lower limit in the quantity's unit; null when none.</param>
/// <param name="High">Inclusive upper limit; null when none.</param>
/// <param name="Origin">Where the campaign file sets it.</param>
public sealed record Expectation(string Name, ExpectationQuantity Quantity, double? Low, double? High, ExpectationOrigin Origin)
{
    /// <summary>The nominal value when the limits were written as nominal ± tolerance; null otherwise.</summary>
    public double? Nominal { get; init; }

    /// <summary><c>thresholdFound: false</c>: the experiment is a reproduction whose correct terminal never flips.</summary>
    public bool ExpectsNoThreshold => Quantity.Kind == ExpectationQuantityKind.ThresholdFound && High == 0;
}
