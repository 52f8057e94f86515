using Bench.Codec;
using Bench.Results;

namespace Bench.Host;

/// <summary>
/// Turns the host's decision into a reply and a booking: an approval books the ledger (a sale's
/// debit, a void's credit, a reversal's undo) and carries a fresh RRN and authorization code; a
/// decline books nothing. Thread-safe. Owns the DES cipher of the reply MAC: dispose it with
/// the host (<see cref="HostSimulator.DisposeAsync"/> does).
/// </summary>
public sealed class Authorizer : IDisposable
{
    private readonly Ledger ledger;
    private readonly TimeProvider clock;
    private readonly HostOptions options;
    private readonly ReferenceNumberGenerator numbers;
    private readonly MessageAuthenticationCode? mac;
    private readonly MessageSigner? signer;
    private readonly string workingKeysField;
    private volatile bool disposed;

    public Authorizer(Ledger ledger, TimeProvider clock, HostOptions options)
    {
        this.ledger = ledger;
        this.clock = clock;
        this.options = options;
        numbers = new ReferenceNumberGenerator(clock);
        workingKeysField = options.WorkingKeys.ToField62();
        if (options.SignReplies)
        {
            mac = new MessageAuthenticationCode(options.WorkingKeys.MacKey);
            signer = new MessageSigner(IsoCodec.Cup, mac);
        }
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

    public void Dispose()
    {
        disposed = true;
        mac?.Dispose();
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
        if (signer is null || !request.Has(64)) return reply;
        // A disposed DES may still encrypt without complaint: say plainly that this authorizer is finished.
        ObjectDisposedException.ThrowIf(disposed, this);
        return signer.Sign(reply);
    }

    private DateTime LocalTime() => clock.GetLocalNow().DateTime;
}
