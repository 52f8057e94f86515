using Bench.Codec;
using Bench.SimulatedTerminal;

namespace Bench.Cli.Benchmarks;

/// <summary>
/// One sale as the simulated terminal itself saw it, read off its debug console on its own clock:
/// when its 0200 left (<c>TX 0200</c>), when the matching 0210 was read (<c>RX 0210</c>), and when it
/// decided the result (<c>RESULT</c>). Null where the console has no such line (no reply after a timeout).
/// </summary>
public sealed record TerminalTimeline(DateTimeOffset? RequestSent, DateTimeOffset? ReplyReceived, DateTimeOffset? Result)
{
    /// <summary>Terminal seconds from the 0200 leaving to the 0210 being read.</summary>
    public double? RequestToReplySeconds => RequestSent is { } sent && ReplyReceived is { } received ? (received - sent).TotalSeconds : null;

    /// <summary>Terminal seconds from the 0200 leaving to the result.</summary>
    public double? RequestToResultSeconds => RequestSent is { } sent && Result is { } result ? (result - sent).TotalSeconds : null;

    /// <summary>The timeline of the sale with STAN <paramref name="stan"/> in <paramref name="console"/> (oldest line first).</summary>
    public static TerminalTimeline Find(IEnumerable<ConsoleLine> console, string? stan)
    {
        if (stan is null) return new TerminalTimeline(null, null, null);
        DateTimeOffset? sent = null, received = null, result = null;
        var stanField = "11=" + stan;
        foreach (var line in console)
        {
            var words = line.Text.Split(' ');
            // Messages print as "TX 0200 3=000000 … 11=000123 …"; results as "RESULT Approved STAN 000123 CODE 00".
            if (sent is null && IsMessage(words, "TX", MessageTypes.FinancialRequest, stanField)) sent = line.TerminalTime;
            else if (sent is not null && received is null && IsMessage(words, "RX", MessageTypes.FinancialResponse, stanField)) received = line.TerminalTime;
            else if (sent is not null && result is null && IsResult(words, stan)) result = line.TerminalTime;
        }
        return new TerminalTimeline(sent, received, result);
    }

    private static bool IsMessage(string[] words, string direction, string mti, string stanField) =>
        words.Length > 2 && words[0] == direction && words[1] == mti && words.Contains(stanField);

    private static bool IsResult(string[] words, string stan) =>
        words.Length > 3 && words[0] == "RESULT" && words[2] == "STAN" && words[3] == stan;
}
