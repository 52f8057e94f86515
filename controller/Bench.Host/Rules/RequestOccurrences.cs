using System.Collections.Concurrent;
using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// Counts how often the host has received each request: the same MTI from the same terminal id, batch and STAN.
/// A resend (a reversal tried again, a repeated sale) is the second occurrence; a request under a fresh STAN is a
/// first one again. Rules match on it to fail only the first attempt, as a transient host fault does.
/// </summary>
public sealed class RequestOccurrences
{
    private readonly ConcurrentDictionary<(string Mti, string TerminalId, string Batch, string Stan), int> counts = new();

    /// <summary>Counts <paramref name="request"/> and returns which occurrence it is (1 = the first).</summary>
    public int Count(IsoMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var batch = request[60] is { Length: >= 8 } field60 ? field60.Substring(2, 6) : "";
        var key = (request.Mti, request.TerminalId ?? "", batch, request.Stan ?? "");
        return counts.AddOrUpdate(key, 1, (_, seen) => seen + 1);
    }
}
