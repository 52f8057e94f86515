using Bench.Codec;
using Bench.Results;

namespace Bench.Host;

/// <summary>
/// Turns the host's decision into a reply and a booking: an approval books the ledger (a sale's
/// debit, a void's credit, a reversal's undo) and carries a fresh RRN and authorization code; a
/// decline books nothing. Thread-safe.
/// </summary>
public sealed class Authorizer
{
    private readonly Ledger ledger;
    private readonly TimeProvider clock;
    private readonly HostOptions options;
    private readonly ReferenceNumberGenerator numbers;
    private readonly MessageSigner? signer;
    private readonly string workingKeysField;

    public Authorizer(Ledger ledger, TimeProvider clock, HostOptions options)
    {
        this.ledger = ledger;
        this.clock = clock;
        this.options = options;
        numbers = new ReferenceNumberGenerator(clock);
        workingKeysField = options.WorkingKeys.ToField62();
        if (options.SignReplies)
            signer = new MessageSigner(IsoCodec.Cup, new MessageAuthenticationCode(options.WorkingKeys.MacKey));
    }

    public Ledger Ledger => ledger;

    public IsoMessage Approve(HostActionContext context)
    {
        var request = context.Request;
        var details = new ReplyDetails(ResponseCodes.Approved, LocalTime());
        switch (request.Mti)
        {
            case MessageTypes.NetworkManagementRequest:
                details = details with { WorkingKeys = workingKeysField };
                break;
            case MessageTypes.FinancialRequest or MessageTypes.AuthorizationRequest or MessageTypes.AdviceRequest:
                var (rrn, auth) = numbers.Next();
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
        var details = new ReplyDetails(responseCode, LocalTime());
        if (context.Request.Mti is MessageTypes.FinancialRequest or MessageTypes.AuthorizationRequest)
            details = details with { RetrievalReferenceNumber = numbers.Next().RetrievalReferenceNumber };
        return Sign(context.Request, ReplyBuilder.To(context.Request, details));
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

    private IsoMessage Sign(IsoMessage request, IsoMessage reply) =>
        signer is not null && request.Has(64) ? signer.Sign(reply) : reply;

    private DateTime LocalTime() => clock.GetLocalNow().DateTime;
}
