namespace Bench.Campaigns.Expectations;

/// <summary>
/// One expectation as evaluated: an element of summary.json's <c>expectations</c>. Nightly jobs and the report
/// read exactly these properties; add nothing here without checking them.
/// </summary>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="Name">The expectation's name.</param>
/// <param name="Quantity">The measured quantity (<see cref="ExpectationQuantity.Name"/>).</param>
/// <param name="Unit">Unit of <paramref name="Measured"/>, <paramref name="Low"/> and <paramref name="High"/>.</param>
/// <param name="Measured">What the run measured; null when nothing could be measured (no threshold found).</param>
/// <param name="Low">Inclusive lower limit; null when none.</param>
/// <param name="High">Inclusive upper limit; null when none.</param>
/// <param name="Verdict">Pass, fail or marginal.</param>
/// <param name="Detail">One sentence on how the verdict came about.</param>
/// <param name="TrialIndex">1-based index, in its experiment, of the most telling trial (at the edge, or with the violation); null when none.</param>
public sealed record ExpectationVerdict(
    string Experiment,
    string Name,
    string Quantity,
    string Unit,
    double? Measured,
    double? Low,
    double? High,
    ExpectationOutcome Verdict,
    string Detail,
    int? TrialIndex);
