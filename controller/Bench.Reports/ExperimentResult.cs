using System.Text.Json;

namespace Bench.Reports;

/// <summary>One experiment's result as the run's summary document records it.</summary>
/// <param name="Status">How the search ended: <c>found</c>, <c>notInRange</c>, <c>aborted</c> …</param>
/// <param name="IntervalLow">The bracket of a deterministic flip or the 95 % interval of a probabilistic one (older summaries: the bracket).</param>
public sealed record ExperimentResult(
    string Name,
    string InjectionKind,
    string ParameterName,
    string Unit,
    string Status,
    double? Threshold,
    double? IntervalLow,
    double? IntervalHigh,
    int TrialsUsed,
    int RigFaults,
    double? ConfiguredTimeoutSeconds,
    string? TerminalModel,
    string Explanation)
{
    public bool Found => Status == "found" && Threshold is not null;

    public bool Probabilistic { get; init; }

    public string? Trigger { get; init; }

    public string? Link { get; init; }

    /// <summary>How much faster than real time the terminal ran; null in a summary from before the field.</summary>
    public double? TimeScale { get; init; }

    public double? PredictionValue { get; init; }

    public double? PredictionLow { get; init; }

    public double? PredictionHigh { get; init; }

    public string? PredictionBasis { get; init; }

    /// <summary>The prediction as one number (a range's middle), or null.</summary>
    public double? PredictionPoint => PredictionValue ?? (PredictionLow is { } low && PredictionHigh is { } high ? low + ((high - low) / 2) : null);

    /// <summary>Reads one entry of the summary's <c>experiments</c> array; null when it has no name.</summary>
    public static ExperimentResult? Read(JsonElement element)
    {
        if (JsonValues.Text(element, "name") is not { Length: > 0 } name) return null;
        var prediction = JsonValues.Property(element, "prediction");
        return new ExperimentResult(
            name,
            JsonValues.Text(element, "injectionKind") ?? "",
            JsonValues.Text(element, "parameterName") ?? "parameter",
            JsonValues.Text(element, "parameterUnit") ?? "",
            JsonValues.Text(element, "status") ?? "unknown",
            JsonValues.Number(element, "threshold"),
            JsonValues.Number(element, "intervalLow") ?? JsonValues.Number(element, "lastApproved"),
            JsonValues.Number(element, "intervalHigh") ?? JsonValues.Number(element, "firstTimeout"),
            (int)(JsonValues.Number(element, "trialsUsed") ?? 0),
            (int)(JsonValues.Number(element, "rigFaults") ?? 0),
            JsonValues.Number(element, "configuredTimeoutSeconds"),
            JsonValues.Text(element, "terminalModel"),
            JsonValues.Text(element, "explanation") ?? "")
        {
            Probabilistic = JsonValues.Flag(element, "probabilistic"),
            Trigger = JsonValues.Text(element, "trigger"),
            Link = JsonValues.Text(element, "link"),
            TimeScale = JsonValues.Number(element, "timeScale"),
            PredictionValue = prediction is { } value ? JsonValues.Number(value, "value") : null,
            PredictionLow = prediction is { } low ? JsonValues.Number(low, "low") : null,
            PredictionHigh = prediction is { } high ? JsonValues.Number(high, "high") : null,
            PredictionBasis = prediction is { } basis ? JsonValues.Text(basis, "basis") : null,
        };
    }
}
