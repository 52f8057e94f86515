namespace Bench.Plots;

/// <summary>Everything the threshold plots of one experiment show.</summary>
/// <param name="ExperimentName">Title, and the base of the file names.</param>
/// <param name="ParameterName">Swept parameter, e.g. "host response delay".</param>
/// <param name="ParameterUnit">Its unit, e.g. "s".</param>
/// <param name="Points">Trials in any order.</param>
/// <param name="Threshold">Found flip point, or null when none was found.</param>
/// <param name="ConfiguredTimeout">
/// The terminal's configured response timeout in the parameter's unit; null when it is not
/// comparable with the parameter (e.g. an attenuation in dB).
/// </param>
public sealed record ThresholdPlotRequest(
    string ExperimentName,
    string ParameterName,
    string ParameterUnit,
    IReadOnlyList<TrialPoint> Points,
    double? Threshold,
    double? ConfiguredTimeout);
