namespace Bench.Plots;

/// <summary>One experiment's line in the campaign's threshold overview.</summary>
/// <param name="Experiment">Experiment name, e.g. "pax-s90-host-delay".</param>
/// <param name="Injection">Experiment kind, e.g. "hostResponseDelay", "phoneLineCut", "rfAttenuation".</param>
/// <param name="ParameterName">Swept parameter, e.g. "host response delay".</param>
/// <param name="Unit">The parameter's unit, e.g. "s", "dB", "B", "tx/s"; empty for a plain count.</param>
/// <param name="Threshold">Found threshold; null when none was found.</param>
/// <param name="IntervalLow">Low end of the bracket (deterministic) or 95 % interval (probabilistic); null if unknown.</param>
/// <param name="IntervalHigh">High end of the bracket or interval; null if unknown.</param>
/// <param name="Prediction">What the profile predicts, or the configured value; null if none.</param>
/// <param name="PredictionLabel">How to name the prediction, e.g. "configured 60 s"; null to show its value.</param>
/// <param name="Probabilistic">The threshold is a 50 % point from repeated trials rather than a deterministic flip.</param>
/// <param name="Status">"found", "not found: …" or "aborted: …".</param>
public sealed record ThresholdOverviewRow(
    string Experiment,
    string Injection,
    string ParameterName,
    string Unit,
    double? Threshold,
    double? IntervalLow,
    double? IntervalHigh,
    double? Prediction,
    string? PredictionLabel,
    bool Probabilistic,
    string Status);
