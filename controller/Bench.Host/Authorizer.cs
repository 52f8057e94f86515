using System.Collections.Concurrent;
using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// Turns the host's decision into a reply and a booking, after the checks a real acquirer makes:
/// a request whose MAC is missing or wrong is refused with A0, and a repeated terminal id + batch +
/// STAN of a 0100/0200 is refused with 94 (duplicate transmission), neither booking anything; both
/// are recorded in the ledger. Otherwise an approval books the ledger (a sale's debit, a void's
/// credit, a reversal's undo) and carries a fresh RRN and authorization code; a decline books
/// nothing. A sign-on's approval hands out the terminal's working keys (<see cref="TerminalKeyRegistry"/>):
/// each terminal's MACs are checked, and its replies signed, with its own current MAC key. Thread-safe. Owns
/// the DES cipher of the shared MAC key: dispose it with the host (<see cref="HostSimulator.DisposeAsync"/> does).
/// </summary>
public sealed class Authorizer : IDisposable
{
    private readonly Ledger ledger;
    private readonly TimeProvider clock;
    private readonly ReferenceNumberGenerator numbers;
    private readonly TerminalKeyRegistry keys;
    // The shared keys' MAC is kept (most requests use it); a terminal's own keys change at each sign-on and get a cipher per use.
    private readonly MessageAuthenticationCode sharedMac;
    private readonly MessageSigner sharedSigner;
    private readonly bool signReplies;
    // The outcome of every 0100/0200 the host answered, by key: what a repeated transmission is told about.
    private readonly ConcurrentDictionary<LedgerKey, TransactionOutcome> outcomes = new();
    private volatile bool disposed;

    public Authorizer(Ledger ledger, TimeProvider clock, HostOptions options)
    {
        this.ledger = ledger;
        this.clock = clock;
        numbers = new ReferenceNumberGenerator(clock);
        keys = new TerminalKeyRegistry(options.WorkingKeys, options.TerminalMasterKeys);
        signReplies = options.SignReplies;
        sharedMac = new MessageAuthenticationCode(options.WorkingKeys.MacKey);
        sharedSigner = new MessageSigner(IsoCodec.Cup, sharedMac);
    }

    public Ledger Ledger => ledger;

    /// <summary>Which working keys each terminal holds, as far as the host knows.</summary>
    public TerminalKeyRegistry Keys => keys;

    /// <summary>
    /// Requests that must carry a MAC: the ones that move money. A sign-on cannot (the terminal has
    /// no key yet); a batch upload or settlement is checked only when it carries one.
    /// </summary>
    public static bool RequiresMac(string mti) => mti is MessageTypes.AuthorizationRequest or MessageTypes.FinancialRequest
        or MessageTypes.AdviceRequest or MessageTypes.ReversalRequest;

    public IsoMessage Approve(HostActionContext context)
    {
        var request = context.Request;
        if (Refusal(context) is { } refusal) return refusal;
        var details = new ReplyDetails(ResponseCodes.Approved, LocalTime());
        switch (request.Mti)
        {
            case MessageTypes.NetworkManagementRequest:
                details = details with { WorkingKeys = keys.SignOn(request.Required(41)) };
                break;
            case MessageTypes.FinancialRequest or MessageTypes.AuthorizationRequest when ledger.WasReversedBeforeBooking(RequestCheck.Key(request)):
                // The terminal gave up and reversed before this request got here: booking it now would take money for good.
                ledger.RecordLateOriginalRefused(RequestCheck.Key(request), request.Mti, context.ReceivedNanoseconds, context.ConnectionId);
                return Sign(request, ReplyBuilder.To(request, new ReplyDetails(ResponseCodes.OriginalAlreadyReversed, LocalTime())));
            case MessageTypes.FinancialRequest or MessageTypes.AuthorizationRequest or MessageTypes.AdviceRequest:
                var (rrn, auth) = numbers.Next();
                if (request.Mti != MessageTypes.AdviceRequest && Duplicate(context, new TransactionOutcome(ResponseCodes.Approved, rrn)) is { } duplicate)
                    return duplicate;
                details = details with { RetrievalReferenceNumber = rrn, AuthorizationCode = auth };
                BookApproval(context, rrn);
                break;
            case MessageTypes.ReversalRequest:
                ledger.RecordReversal(RequestCheck.OriginalKey(request), context.ReceivedNanoseconds, request.ResponseCode, context.ConnectionId);
                break;
        }
        return Sign(request, ReplyBuilder.To(request, details));
    }

    public IsoMessage Decline(HostActionContext context, string responseCode)
    {
        if (Refusal(context) is { } refusal) return refusal;
        var details = new ReplyDetails(responseCode, LocalTime());
        if (context.Request.Mti is MessageTypes.FinancialRequest or MessageTypes.AuthorizationRequest)
        {
            var rrn = numbers.Next().RetrievalReferenceNumber;
            if (Duplicate(context, new TransactionOutcome(responseCode, rrn)) is { } duplicate) return duplicate;
            details = details with { RetrievalReferenceNumber = rrn };
        }
        return Sign(context.Request, ReplyBuilder.To(context.Request, details));
    }

    /// <summary>
    /// True when the request's MAC verifies with its terminal's current working MAC key (false when field 64 is
    /// absent, or the terminal has a master key and has not signed on).
    /// </summary>
    public bool MacVerifies(IsoMessage request)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return WithSigner(request, signer => signer.Verify(request), none: false);
    }

    public void Dispose()
    {
        disposed = true;
        sharedMac.Dispose();
    }

    /// <summary>Runs <paramref name="use"/> with the signer of the request's terminal's current MAC key; <paramref name="none"/> when it has none.</summary>
    private T WithSigner<T>(IsoMessage request, Func<MessageSigner, T> use, T none)
    {
        var current = request[41] is { } terminalId ? keys.KeysOf(terminalId) : keys.SharedKeys;
        if (current is null) return none;
        if (ReferenceEquals(current, keys.SharedKeys)) return use(sharedSigner);
        using var mac = new MessageAuthenticationCode(current.MacKey);
        return use(new MessageSigner(IsoCodec.Cup, mac));
    }

    /// <summary>The A0 reply to a request whose MAC is missing or wrong (recorded in the ledger), or null when it may proceed.</summary>
    private IsoMessage? Refusal(HostActionContext context)
    {
        var request = context.Request;
        if (!context.MacCheck || (!RequiresMac(request.Mti) && !request.Has(64)) || MacVerifies(request)) return null;
        ledger.RecordMacRejected(RequestCheck.RecordKey(request), request.Mti, context.ReceivedNanoseconds, context.ConnectionId);
        // Unsigned: the host cannot trust the key the terminal used, and a terminal must not trust a MAC over a refusal it caused.
        return ReplyBuilder.To(request, new ReplyDetails(ResponseCodes.MacFailure, LocalTime()));
    }

    /// <summary>
    /// Claims the request's key for <paramref name="outcome"/>; when the key was already claimed, records
    /// the duplicate transmission and returns its 94 reply.
    /// </summary>
    private IsoMessage? Duplicate(HostActionContext context, TransactionOutcome outcome)
    {
        var request = context.Request;
        var key = RequestCheck.Key(request);
        var original = outcomes.GetOrAdd(key, outcome);
        if (ReferenceEquals(original, outcome)) return null;
        ledger.RecordDuplicateTransmission(key, request.Mti, original.ResponseCode, original.RetrievalReferenceNumber, context.ReceivedNanoseconds, context.ConnectionId);
        return Sign(request, ReplyBuilder.To(request, new ReplyDetails(ResponseCodes.DuplicateTransmission, LocalTime())));
    }

    private void BookApproval(HostActionContext context, string rrn)
    {
        var request = context.Request;
        if (request.Mti != MessageTypes.FinancialRequest) return;
        var amount = request.AmountMinorUnits ?? 0;
        switch (request.ProcessingCode)
        {
            case ProcessingCodes.Sale:
                ledger.RecordDebit(RequestCheck.Key(request), amount, context.ReceivedNanoseconds, context.ConnectionId, rrn);
                break;
            case ProcessingCodes.Void:
                ledger.RecordVoid(RequestCheck.Key(request), amount, context.ReceivedNanoseconds, context.ConnectionId, rrn);
                break;
        }
    }

    private IsoMessage Sign(IsoMessage request, IsoMessage reply)
    {
        if (!signReplies || !request.Has(64)) return reply;
        // A disposed DES may still encrypt without complaint: say plainly that this authorizer is finished.
        ObjectDisposedException.ThrowIf(disposed, this);
        // A terminal with no current MAC key (a master key, no sign-on yet) could check no MAC: its reply goes unsigned.
        return WithSigner(request, signer => signer.Sign(reply), none: reply);
    }

    private DateTime LocalTime() => clock.GetLocalNow().DateTime;

    /// <summary>What the host answered a transaction: a repeated transmission's ledger entry names it.</summary>
    private sealed record TransactionOutcome(string ResponseCode, string? RetrievalReferenceNumber);
}
