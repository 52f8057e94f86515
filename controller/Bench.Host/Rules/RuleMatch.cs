using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// Which requests a rule applies to. Each criterion is optional (null matches anything); all the
/// given ones must hold. The amount range is inclusive, in minor units, and never matches a request
/// without an amount.
/// </summary>
public sealed record RuleMatch
{
    public static RuleMatch Any { get; } = new();

    public IReadOnlySet<string>? Mtis { get; init; }
    public IReadOnlySet<string>? ProcessingCodes { get; init; }
    public long? MinimumAmount { get; init; }
    public long? MaximumAmount { get; init; }
    public IReadOnlySet<string>? TerminalIds { get; init; }

    /// <summary>
    /// Which receptions of the same request (MTI, terminal id, batch, STAN) match, inclusive: 1 is the first,
    /// 2 the first resend. See <see cref="RequestOccurrences"/>.
    /// </summary>
    public int? MinimumOccurrence { get; init; }
    public int? MaximumOccurrence { get; init; }

    /// <param name="occurrence">Which reception of this request it is (1 = the first).</param>
    public bool Matches(IsoMessage request, int occurrence)
    {
        if (occurrence < MinimumOccurrence || occurrence > MaximumOccurrence) return false;
        return Matches(request);
    }

    public bool Matches(IsoMessage request)
    {
        if (Mtis is not null && !Mtis.Contains(request.Mti)) return false;
        if (ProcessingCodes is not null && (request.ProcessingCode is not { } code || !ProcessingCodes.Contains(code))) return false;
        if (TerminalIds is not null && (request.TerminalId is not { } terminal || !TerminalIds.Contains(terminal))) return false;
        if (MinimumAmount is not null || MaximumAmount is not null)
        {
            if (request.AmountMinorUnits is not { } amount) return false;
            if (amount < MinimumAmount || amount > MaximumAmount) return false;
        }
        return true;
    }
}
