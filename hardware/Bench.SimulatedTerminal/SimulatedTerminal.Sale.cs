using System.Globalization;
using Microsoft.Extensions.Logging;
using Bench.Codec;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal;

/// <summary>The sale procedure: card, connection, pending reversal, 0200 → 0210, and the reversal record's lifecycle.</summary>
public sealed partial class SimulatedTerminal
{
    private async Task RunSaleAsync(PowerSession power, long amount)
    {
        var transaction = TransactionLifecycle.Create();
        lock (gate) power.Transaction = transaction;
        var sale = new SaleInProgress(amount, time.GetUtcNow(), transaction);
        try
        {
            Print(power, $"SALE {amount}");
            await WriteEcrAsync(power, EcrProtocol.AcknowledgeSale(amount));
            await FinishAsync(power, sale, await SellAsync(power, sale));
        }
        finally
        {
            EndOfTransactionConnection(power);
            // Normally FinishAsync has freed the terminal already and the next SALE may have been accepted
            // since: freeing it again would let a third one past the BUSY guard.
            EndSaleOnce(power, sale);
        }
    }

    /// <summary>Frees the terminal for the next sale, once per sale whichever path gets there first.</summary>
    private static void EndSaleOnce(PowerSession power, SaleInProgress sale)
    {
        if (sale.MarkEnded()) power.EndSale();
    }

    /// <summary>Runs the sale up to its outcome; the caller shows it.</summary>
    private async Task<TransactionResult> SellAsync(PowerSession power, SaleInProgress sale)
    {
        var transaction = sale.Transaction;
        while (power.Swipes.Reader.TryRead(out _))
        {
            // A swipe before the prompt is not for this sale.
        }
        MoveTo(power, TerminalState.AwaitingCard);
        transaction.MoveTo(TransactionState.AwaitingCard);
        var card = await ReadCardAsync(power);
        if (card is null) return sale.Ended(EcrSaleOutcome.NoCard, time);
        transaction.MoveTo(TransactionState.CardRead);
        await WriteEcrAsync(power, EcrProtocol.CardRead(PanMask.Mask(card.Pan)));

        // A firmware with the responseTimerIncludesConnect bug starts the sale's response timer here, before the connect.
        var goneOnlineAt = time.GetUtcNow();
        MoveTo(power, TerminalState.Connecting);
        transaction.MoveTo(TransactionState.Connecting);
        if (await EnsureConnectedAsync(power) is null) return sale.Ended(EcrSaleOutcome.CommunicationError, time);

        if (!power.SignedOn || power.ReSignOnRequested)
        {
            MoveTo(power, TerminalState.SigningOn);
            if (!await SignOnExchangeAsync(power)) return sale.Ended(EcrSaleOutcome.CommunicationError, time);
        }

        if (power.Reversals!.Current is not null)
        {
            MoveTo(power, TerminalState.SendingReversal);
            transaction.MoveTo(TransactionState.SendingReversal);
            // No new debit while an earlier one may still need undoing.
            if (!await SendPendingReversalAsync(power)) return sale.Ended(EcrSaleOutcome.CommunicationError, time);
        }

        var connection = await EnsureConnectedAsync(power);
        if (connection is null) return sale.Ended(EcrSaleOutcome.CommunicationError, time);

        var stan = NextStan(power);
        var request = Sign(power, factory.Sale(new SaleDetails(card, sale.Amount, stan, power.Counters.Batch)));
        sale.Stan = stan;
        // Persisted before the request leaves: a power cut after the send must find it at the next boot.
        power.Reversals.Save(new ReversalRecord(stan, ResponseCodes.ReversalNoResponse, sale.Amount,
            Convert.ToHexString(IsoCodec.Cup.Encode(request)), time.GetUtcNow()));
        MoveTo(power, TerminalState.AwaitingResponse);
        transaction.MoveTo(TransactionState.RequestSent);

        var sentLine = options.EcrShowsHostLink ? EcrProtocol.Sent(request.Mti, stan) : null;
        var reply = await ExchangeAsync(power, connection, request, sentLine, Bugs.LateReplyAccepted,
            Bugs.ResponseTimerIncludesConnect ? goneOnlineAt : null);
        switch (reply.End)
        {
            case HostReply.Ending.TimedOut:
                if (Bugs.NoReversalAfterTimeout) power.Reversals.Clear();
                // A late reply on this connection must not be mistaken for the next sale's.
                if (!options.KeepConnectionOpen) DropConnection(power);
                return sale.Ended(EcrSaleOutcome.Timeout, time);
            case HostReply.Ending.ConnectionLost:
                return sale.Ended(EcrSaleOutcome.CommunicationError, time);
        }
        transaction.MoveTo(TransactionState.ResponseReceived);
        return CompleteWithReply(power, sale, reply.Message!);
    }

    /// <summary>Applies a matched 0210 to the reversal record (DESIGN.md §5) and decides the outcome.</summary>
    private TransactionResult CompleteWithReply(PowerSession power, SaleInProgress sale, IsoMessage reply)
    {
        var reversals = power.Reversals!;
        var code = reply.ResponseCode ?? string.Empty;
        reversals.ChangeReason(ResponseCodes.ReversalTerminalError, reply[38]);
        if (AsksForSignOn(reply)) power.ReSignOnRequested = true;

        if (!IsMacAcceptable(power, reply))
        {
            if (!Bugs.MacCheckIgnored)
            {
                Print(power, $"MAC MISMATCH ON {reply.Mti} STAN {reply.Stan}");
                reversals.ChangeReason(ResponseCodes.MacFailure);
                // A MAC that fails means the keys disagree: sign on again for fresh ones.
                power.ReSignOnRequested = true;
                return sale.Ended(EcrSaleOutcome.MacError, time) with { ResponseCode = code };
            }
            Print(power, $"MAC MISMATCH ON {reply.Mti} STAN {reply.Stan} (NOT CHECKED)");
        }

        if (code != ResponseCodes.Approved)
        {
            // A decline is a clean completion: nothing was debited, nothing to reverse.
            reversals.Clear();
            return sale.Ended(EcrSaleOutcome.Declined, time) with { ResponseCode = code };
        }

        var entry = new JournalEntry(sale.Stan!, power.Counters.Batch, sale.Amount, reply[37], reply[38], time.GetUtcNow());
        try
        {
            var journal = flash.Read<List<JournalEntry>>(JournalFlashName) ?? [];
            journal.Add(entry);
            flash.Write(JournalFlashName, journal, power);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Print(power, "CANNOT STORE APPROVED SALE " + exception.Message);
            reversals.ChangeReason(ResponseCodes.ReversalCannotStore);
            return sale.Ended(EcrSaleOutcome.CommunicationError, time) with { ResponseCode = code };
        }
        reversals.Clear();
        return sale.Ended(EcrSaleOutcome.Approved, time) with
        {
            ResponseCode = code,
            RetrievalReferenceNumber = reply[37],
            AuthorizationCode = reply[38],
        };
    }

    /// <summary>Prompts for a card until a good swipe or the card-read timeout; a bad or too slow swipe keeps the prompt.</summary>
    private async Task<MagneticStripeCard?> ReadCardAsync(PowerSession power)
    {
        using var timer = new CancellationTokenSource(profile.CardReadTimeout, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, power.Token);
        await WriteEcrAsync(power, EcrProtocol.PromptCard);
        // Pre-dial: a dial-up modem starts its call while the customer swipes.
        modem.BeginPreDial(power.Token);
        try
        {
            while (true)
            {
                var swipe = await power.Swipes.Reader.ReadAsync(wait.Token);
                if (swipe.Passage is { } passage && passage > profile.CardReader.SlowestSwipe)
                {
                    // Too slow for the head: the flux changes are too weak to decode. The prompt stays, its timer runs on.
                    Print(power, string.Create(CultureInfo.InvariantCulture,
                        $"CARD READ ERROR SWIPE TOO SLOW {passage.TotalMilliseconds:0} MS (SLOWEST {profile.CardReader.SlowestSwipe.TotalMilliseconds:0} MS) SWIPE AGAIN"));
                    await WriteEcrAsync(power, EcrProtocol.CardReadError);
                    continue;
                }

                try
                {
                    var card = MagneticStripeCard.ParseRawTrack(swipe.RawTrack);
                    Print(power, "CARD " + card);
                    return card;
                }
                catch (FormatException exception)
                {
                    Print(power, "CARD READ ERROR " + exception.Message);
                    await WriteEcrAsync(power, EcrProtocol.CardReadError);
                }
            }
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !power.Token.IsCancellationRequested)
        {
            Print(power, $"NO CARD WITHIN {profile.CardReadTimeout}");
            return null;
        }
    }

    /// <summary>Returns to Idle, then shows the result: once RESULT is printed the next SALE is accepted.</summary>
    private async Task FinishAsync(PowerSession power, SaleInProgress sale, TransactionResult result)
    {
        sale.Transaction.MoveTo(TransactionState.Completed);
        MoveTo(power, TerminalState.Idle);
        EndSaleOnce(power, sale);
        Print(power, $"RESULT {result.Outcome} STAN {result.Stan ?? "-"} CODE {result.ResponseCode ?? "-"}");
        await WriteEcrAsync(power, result.Outcome switch
        {
            EcrSaleOutcome.Approved => EcrProtocol.ResultApproved(result.RetrievalReferenceNumber ?? "", result.AuthorizationCode ?? ""),
            EcrSaleOutcome.Declined => EcrProtocol.ResultDeclined(result.ResponseCode ?? ""),
            EcrSaleOutcome.Timeout => EcrProtocol.ResultTimeout,
            EcrSaleOutcome.NoCard => EcrProtocol.ResultNoCard,
            EcrSaleOutcome.MacError => EcrProtocol.ResultMacError,
            _ => EcrProtocol.ResultCommunicationError,
        });
        try
        {
            TransactionCompleted?.Invoke(result);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "transaction subscriber failed");
        }
    }
}
