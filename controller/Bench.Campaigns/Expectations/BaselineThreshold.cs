namespace Bench.Campaigns.Expectations;

/// <summary>One experiment's threshold as a baseline run's summary.json recorded it.</summary>
/// <param name="Threshold">Null when the baseline run found none.</param>
/// <param name="IntervalLow">The baseline's bracket or 95 % interval; null when it had none.</param>
public sealed record BaselineThreshold(string Experiment, string Unit, double? Threshold, double? IntervalLow, double? IntervalHigh, string Status);
