using Bench.Host;
using Bench.Results;

namespace Bench.Campaigns.Running;

/// <summary>
/// A trial's sale as the host saw it: its request (0200) and reply (0210), found by <see cref="SaleCorrelator"/>,
/// and what the terminal's ECR port said about its STAN, when the dialect says anything.
/// </summary>
/// <param name="Request">The sale request, or null when none reached the host.</param>
/// <param name="Reply">The host's reply to it, or null when it sent none.</param>
/// <param name="EcrStan">The STAN the terminal printed for the sale; null when its dialect prints none.</param>
public sealed record SaleCorrelation(FrameRecord? Request, FrameRecord? Reply, string? EcrStan)
{
    /// <summary>The sale's STAN: the host's when it had the request (the host side wins), else the terminal's.</summary>
    public string? Stan => Request?.Message?.Stan ?? EcrStan;

    /// <summary>The sale's ledger key (TID + batch + STAN), from the request the host received.</summary>
    public LedgerKey? LedgerKey => Request?.Message is { } message ? RequestCheck.Key(message) : null;

    /// <summary>True when the terminal named a STAN and the host's request carries another.</summary>
    public bool StanDisagrees => EcrStan is not null && Request?.Message?.Stan is { } hostStan && hostStan != EcrStan;
}
