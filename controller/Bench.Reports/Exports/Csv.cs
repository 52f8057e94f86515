using System.Globalization;
using System.Text;

namespace Bench.Reports.Exports;

/// <summary>
/// RFC 4180 CSV: CRLF line ends, a field holding a comma, quote, CR or LF is quoted with its quotes doubled.
/// Numbers are written in the invariant culture, so a spreadsheet anywhere reads them the same.
/// </summary>
public static class Csv
{
    public static string Field(string? value)
    {
        if (value is null) return "";
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>Writes a header and rows to <paramref name="path"/> (UTF-8 without a byte order mark).</summary>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\r\n" };
        writer.WriteLine(string.Join(',', header.Select(Field)));
        foreach (var row in rows) writer.WriteLine(string.Join(',', row.Select(Field)));
    }
}
