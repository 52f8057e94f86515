using System.Globalization;
using System.Text.RegularExpressions;

namespace Bench.Fixtures;

/// <summary>
/// Durations as fixtures write them: a non-negative number and a unit, e.g. <c>60s</c>,
/// <c>500ms</c>, <c>1.5s</c>, <c>2min</c>, <c>1h</c>. A bare number is rejected on purpose:
/// "60" could mean seconds or milliseconds depending on who wrote it.
/// </summary>
public static partial class DurationText
{
    public const string ExpectedForm = "a duration with a unit, like 60s, 500ms or 1.5s";

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var number = double.Parse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var milliseconds = match.Groups["unit"].Value switch
        {
            "ms" => number,
            "s" => number * 1_000,
            "min" => number * 60_000,
            "h" => number * 3_600_000,
            _ => double.NaN,
        };
        if (double.IsNaN(milliseconds) || milliseconds > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    /// <summary>Shortest round-trippable text, for messages and summaries.</summary>
    public static string Format(TimeSpan duration) =>
        duration.TotalMilliseconds % 1_000 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds}ms");

    [GeneratedRegex(@"^(?<number>[0-9]+(\.[0-9]+)?)\s*(?<unit>ms|s|min|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
