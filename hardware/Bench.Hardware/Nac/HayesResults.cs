using System.Text;

namespace Bench.Hardware.Nac;

/// <summary>The verbal result codes of a Hayes modem (V1), as sent on its serial port: <c>\r\n</c> + word + <c>\r\n</c>.</summary>
public static class HayesResults
{
    public const string Ok = "OK";
    public const string Error = "ERROR";
    public const string Ring = "RING";
    public const string Connect = "CONNECT";
    public const string NoCarrier = "NO CARRIER";
    public const string NoDialTone = "NO DIALTONE";
    public const string Busy = "BUSY";
    public const string NoAnswer = "NO ANSWER";

    /// <summary>True for <c>CONNECT</c> and <c>CONNECT &lt;rate&gt;</c>.</summary>
    public static bool IsConnect(string result) =>
        result == Connect || result.StartsWith(Connect + " ", StringComparison.Ordinal);

    /// <summary>True for a result that ends a command (everything but <c>RING</c> and unknown lines).</summary>
    public static bool IsFinal(string result) =>
        result is Ok or Error or NoCarrier or NoDialTone or Busy or NoAnswer || IsConnect(result);

    /// <summary>The bytes a modem sends for <paramref name="result"/>.</summary>
    public static byte[] Encode(string result) => Encoding.ASCII.GetBytes("\r\n" + result + "\r\n");
}
