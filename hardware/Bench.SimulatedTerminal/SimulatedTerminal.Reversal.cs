using Bench.Codec;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal;

/// <summary>Sending the pending reversal before the next online transaction.</summary>
public sealed partial class SimulatedTerminal
{
    /// <summary>
    /// Sends the pending 0400 (original STAN, the record's reason) up to ReversalResendCount + 1
    /// times, each under the response timeout. The record is cleared only by a matched, approved
    /// 0410; when every attempt fails it stays for the next transaction. True when cleared.
    /// </summary>
    private async Task<bool> SendPendingReversalAsync(PowerSession power)
    {
        var reversals = power.Reversals!;
        var record = reversals.Current!;
        var original = IsoCodec.Cup.Decode(Convert.FromHexString(record.OriginalRequestHex));
        var attempts = profile.ReversalResendCount + 1;
        var previousUnanswered = false;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var connection = await EnsureConnectedAsync(power);
            if (connection is null)
            {
                Print(power, $"REVERSAL STAN {record.Stan} ATTEMPT {attempt}/{attempts}: NO CONNECTION");
                continue;
            }
            var reversal = MessageFactory.Reversal(original, record.Reason, record.AuthorizationCode);
            // The bug: a resend after a lost 0410 goes through the generic send path, which numbers every message afresh.
            if (previousUnanswered && Bugs.ReversalRetriedWithNewStan) reversal = reversal.With(11, NextStan(power));
            reversal = Sign(power, reversal);
            var reply = await ExchangeAsync(power, connection, reversal, EcrProtocol.ReversalSent(reversal.Required(11), record.Reason));
            if (reply.End != HostReply.Ending.Received)
            {
                previousUnanswered = true;
                Print(power, $"REVERSAL STAN {record.Stan} ATTEMPT {attempt}/{attempts}: {reply.End}");
                continue;
            }
            var acknowledgement = reply.Message!;
            if (Bugs.ReversalClearedBeforeResponseChecked
                || acknowledgement.ResponseCode == ResponseCodes.Approved && IsMacAcceptable(power, acknowledgement))
            {
                reversals.Clear();
                await WriteEcrAsync(power, EcrProtocol.ReversalAcknowledged(record.Stan));
                return true;
            }
            Print(power, $"REVERSAL STAN {record.Stan} ATTEMPT {attempt}/{attempts}: REFUSED CODE {acknowledgement.ResponseCode ?? "-"}");
        }

        await WriteEcrAsync(power, EcrProtocol.ReversalFailed(record.Stan));
        if (Bugs.PendingReversalDeletedAfterResendsFail)
        {
            Print(power, $"REVERSAL STAN {record.Stan} DELETED AFTER {attempts} ATTEMPTS");
            reversals.Clear();
        }
        return false;
    }
}
