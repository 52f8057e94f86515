using System.Globalization;
using System.Text.Json;

namespace Bench.Reports;

/// <summary>
/// Lenient reads of the run's JSON documents: a missing property, a null or a value of another type is
/// "not known", never an error, so a report can be built from a run recorded by an older or newer bench.
/// </summary>
internal static class JsonValues
{
    public static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? Text(JsonElement element, string name) => Property(element, name) is { } value
        ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        }
        : null;

    public static double? Number(JsonElement element, string name) => Property(element, name) is { } value
        ? value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number) => number,
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) => parsed,
            _ => null,
        }
        : null;

    public static bool Flag(JsonElement element, string name) => Property(element, name) is { ValueKind: JsonValueKind.True };

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>The document parsed, or null for null, empty or malformed text (a report then lacks that part, it does not fail).</summary>
    public static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
