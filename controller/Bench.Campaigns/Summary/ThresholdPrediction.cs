namespace Bench.Campaigns.Summary;

/// <summary>
/// What the terminal's configuration and the medium's physics say the threshold must be: a value, or a
/// range where the flip is noisy, with the reasoning in words.
/// </summary>
/// <param name="Value">The predicted threshold; null when only a range is predicted.</param>
/// <param name="Low">Lower end of a predicted range (RF: the attenuation that gives RSRP −100 dBm).</param>
/// <param name="High">Upper end of a predicted range.</param>
/// <param name="Basis">How the prediction follows from the profile, e.g. "S10 carrier-loss tolerance".</param>
public sealed record ThresholdPrediction(double? Value, double? Low, double? High, string Basis);
