using System.Text.Json;

namespace Bench.Results;

/// <summary>Builds the small JSON objects stored in events.detail.</summary>
public static class EventDetail
{
    public static string Json(params (string Name, object? Value)[] properties)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps reasons readable in the database; the text is never embedded in HTML unescaped.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                switch (value)
                {
                    case null: json.WriteNull(name); break;
                    case int number: json.WriteNumber(name, number); break;
                    case long number: json.WriteNumber(name, number); break;
                    case double number: json.WriteNumber(name, number); break;
                    case bool flag: json.WriteBoolean(name, flag); break;
                    default: json.WriteString(name, value.ToString()); break;
                }
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
