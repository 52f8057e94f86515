using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bench.Campaigns.Summary;

/// <summary>Writes summary.json: camelCase keys, enum names as strings, absent values as null.</summary>
public static class SummaryJsonWriter
{
    public const string FileName = "summary.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(RunSummary summary) => JsonSerializer.Serialize(summary, Options);

    public static RunSummary Deserialize(string json) =>
        JsonSerializer.Deserialize<RunSummary>(json, Options) ?? throw new JsonException("summary.json holds null");

    /// <summary>Writes <see cref="FileName"/> into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(RunSummary summary, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, Serialize(summary) + Environment.NewLine);
        return path;
    }
}
