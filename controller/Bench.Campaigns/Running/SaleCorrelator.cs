using System.Globalization;
using Bench.Codec;
using Bench.Results;
using Microsoft.Extensions.Logging;

namespace Bench.Campaigns.Running;

/// <summary>
/// Matches a trial's sale to its host frames from the host side alone, so a terminal whose ECR dialect prints
/// nothing about STANs is measured like one that does: the first sale request (0200) the host received after the
/// sale started from the station's terminal (field 41) for the sale's amount (field 4); its reply is the first
/// 0210 the host sent with that terminal and STAN. A STAN the ECR port printed is a cross-check: when it
/// disagrees the mismatch is logged and the host-side match stands. Only when the host side finds nothing does
/// the ECR STAN pick the request (same terminal), as before dialects without STANs.
/// </summary>
public static class SaleCorrelator
{
    /// <param name="frames">The host's frames of the trial, in the order it saw them.</param>
    /// <param name="saleStartedNanoseconds">When the bench started the sale (monotonic), so an earlier flush sale's request is not taken.</param>
    public static SaleCorrelation Correlate(
        IReadOnlyList<FrameRecord> frames, string terminalId, long amountMinorUnits, long saleStartedNanoseconds, string? ecrStan, ILogger logger)
    {
        var request = frames.FirstOrDefault(frame => frame.Direction == FrameDirection.Received
            && frame.TimestampNanoseconds >= saleStartedNanoseconds
            && frame.Message is { Mti: MessageTypes.FinancialRequest } message
            && message.TerminalId == terminalId && Amount(message) == amountMinorUnits);
        if (request is null && ecrStan is not null)
        {
            request = frames.FirstOrDefault(frame => frame.Direction == FrameDirection.Received
                && frame.Message is { Mti: MessageTypes.FinancialRequest } message && message.TerminalId == terminalId && message.Stan == ecrStan);
            if (request is not null)
                logger.LogWarning("Terminal {Terminal}: no 0200 for amount {Amount} after the sale started; matched by the ECR's STAN {Stan}",
                    terminalId, amountMinorUnits, ecrStan);
        }

        var correlation = new SaleCorrelation(request, ReplyTo(frames, request), ecrStan);
        if (correlation.StanDisagrees)
            logger.LogWarning("Terminal {Terminal}: the ECR port named STAN {EcrStan} but the host received the sale as STAN {HostStan}; the host's stands",
                terminalId, ecrStan, request!.Message!.Stan);
        return correlation;
    }

    private static FrameRecord? ReplyTo(IReadOnlyList<FrameRecord> frames, FrameRecord? request)
    {
        if (request?.Message is not { } sale) return null;
        return frames.FirstOrDefault(frame => frame.Direction == FrameDirection.Sent
            && frame.TimestampNanoseconds >= request.TimestampNanoseconds
            && frame.Message is { Mti: MessageTypes.FinancialResponse } reply
            && reply.Stan == sale.Stan && (reply.TerminalId is null || reply.TerminalId == sale.TerminalId));
    }

    // Field 4 is n12; a request whose amount does not parse is not this sale's.
    private static long? Amount(IsoMessage message) =>
        long.TryParse(message[4], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) ? amount : null;
}
