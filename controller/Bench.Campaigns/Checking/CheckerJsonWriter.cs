using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bench.Campaigns.Checking;

/// <summary>Writes checker.json: every transaction with its class and evidence, the tallies, violations and conservation.</summary>
public static class CheckerJsonWriter
{
    public const string FileName = "checker.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(CheckerReport report) => JsonSerializer.Serialize(report, Options);

    public static CheckerReport Deserialize(string json) =>
        JsonSerializer.Deserialize<CheckerReport>(json, Options) ?? throw new JsonException("checker.json holds null");

    /// <summary>Writes <see cref="FileName"/> into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(CheckerReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, Serialize(report) + Environment.NewLine);
        return path;
    }
}
