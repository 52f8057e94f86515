using System.Globalization;

namespace Bench.Reports;

/// <summary>How numbers read in the report and junit.xml: invariant culture, at most three decimals, with their unit.</summary>
public static class ReportNumbers
{
    public static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "—";

    public static string Value(double? value, string? unit) =>
        value is null ? "—" : string.IsNullOrEmpty(unit) ? Number(value) : $"{Number(value)} {unit}";

    public static string Measured(Expectation expectation) =>
        expectation.Measured is null ? "nothing" : Value(expectation.Measured, expectation.Unit);

    /// <summary>"[low, high] unit", "≥ low unit", "≤ high unit", or "none".</summary>
    public static string Limits(Expectation expectation)
    {
        var unit = string.IsNullOrEmpty(expectation.Unit) ? "" : " " + expectation.Unit;
        return (expectation.Low, expectation.High) switch
        {
            ({ } low, { } high) => $"[{Number(low)}, {Number(high)}]{unit}",
            ({ } low, null) => $"≥ {Number(low)}{unit}",
            (null, { } high) => $"≤ {Number(high)}{unit}",
            _ => "none",
        };
    }

    /// <summary>"[low, high] unit" for an interval or bracket; "—" when unknown.</summary>
    public static string Interval(double? low, double? high, string? unit) =>
        low is null && high is null ? "—" : $"[{Number(low)}, {Number(high)}]{(string.IsNullOrEmpty(unit) ? "" : " " + unit)}";
}
