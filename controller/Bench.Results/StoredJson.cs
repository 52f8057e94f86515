using System.Text;

namespace Bench.Results;

/// <summary>
/// How a JSON document goes into results.db: every string value and name masked as <see cref="StoredText"/> masks
/// text, numbers left alone (a nanosecond timestamp has as many digits as a card number), the layout kept byte
/// for byte, so the stored document is the file the run wrote.
/// </summary>
internal static class StoredJson
{
    public static string Masked(string json)
    {
        var output = new StringBuilder(json.Length);
        var index = 0;
        while (index < json.Length)
        {
            var quote = json.IndexOf('"', index);
            if (quote < 0)
            {
                output.Append(json, index, json.Length - index);
                break;
            }
            output.Append(json, index, quote + 1 - index);
            var end = quote + 1;
            while (end < json.Length && json[end] != '"') end += json[end] == '\\' ? 2 : 1;
            end = Math.Min(end, json.Length);
            output.Append(StoredText.Masked(json[(quote + 1)..end]));
            if (end < json.Length) output.Append('"');
            index = end + 1;
        }
        return output.ToString();
    }
}
