using System.Net;
using Bench.Codec;

namespace Bench.Reports.Html;

/// <summary>Text as it goes into report.html: card numbers masked (first 6, last 4), then HTML-escaped.</summary>
internal static class HtmlText
{
    public static string Escape(string? text) => text is null ? "" : WebUtility.HtmlEncode(PanMask.MaskText(text));

    /// <summary>A PNG file as a data: URI, so the report needs no file beside it and makes no request.</summary>
    public static string PngDataUri(string path) => "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(path));
}
