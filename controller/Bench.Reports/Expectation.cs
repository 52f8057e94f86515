using System.Text.Json;

namespace Bench.Reports;

/// <summary>
/// One expectation's verdict as the summary document's <c>expectations</c> array records it: a measured
/// quantity against its limits.
/// </summary>
/// <param name="Verdict"><c>pass</c>, <c>fail</c> or <c>marginal</c> (anything else is kept as written).</param>
/// <param name="TrialIndex">The experiment's trial (1-based) that decided it, when one did.</param>
public sealed record Expectation(
    string Experiment,
    string Name,
    string? Quantity,
    string? Unit,
    double? Measured,
    double? Low,
    double? High,
    string Verdict,
    string? Detail,
    int? TrialIndex)
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Marginal = "marginal";

    public bool Failed => Verdict == Fail;

    public bool IsMarginal => Verdict == Marginal;

    /// <summary>Reads one entry; null when it names neither experiment nor expectation.</summary>
    public static Expectation? Read(JsonElement element)
    {
        var experiment = JsonValues.Text(element, "experiment") ?? "";
        var name = JsonValues.Text(element, "name") ?? "";
        if (experiment.Length == 0 && name.Length == 0) return null;
        var trial = JsonValues.Number(element, "trialIndex");
        return new Expectation(
            experiment.Length == 0 ? "run" : experiment,
            name.Length == 0 ? JsonValues.Text(element, "quantity") ?? "expectation" : name,
            JsonValues.Text(element, "quantity"),
            JsonValues.Text(element, "unit"),
            JsonValues.Number(element, "measured"),
            JsonValues.Number(element, "low"),
            JsonValues.Number(element, "high"),
            (JsonValues.Text(element, "verdict") ?? "unknown").ToLowerInvariant(),
            JsonValues.Text(element, "detail"),
            trial is { } index && index >= 1 && index <= int.MaxValue ? (int)index : null);
    }
}
