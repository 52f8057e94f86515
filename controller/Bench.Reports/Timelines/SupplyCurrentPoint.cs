namespace Bench.Reports.Timelines;

/// <summary>A reading of the terminal's supply current, seconds after the trial began.</summary>
/// <param name="ReadBack">True for the bench's read-back after switching the terminal's power, false for a sample.</param>
public sealed record SupplyCurrentPoint(double Seconds, double Milliamperes, bool ReadBack);
