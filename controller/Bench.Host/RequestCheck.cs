using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// What a decoded request must carry before the host acts on it: the fields its ledger key and
/// reply need. A request that decodes but lacks them is a protocol error like a bad byte.
/// </summary>
public static class RequestCheck
{
    /// <summary>Semantic errors point at the bitmap, where the field is (or is not) announced.</summary>
    public const int BitmapOffset = IsoCodec.MtiOffset + 2;

    /// <summary>The problem with a request, or null when the host can act on it.</summary>
    public static (string Element, int Offset, string Reason)? FindProblem(IsoMessage request)
    {
        var mti = request.Mti;
        if (!MessageTypes.IsRequest(mti))
            return ("MTI", IsoCodec.MtiOffset, $"{mti} is a response; the host only takes requests");
        if (mti is not (MessageTypes.AuthorizationRequest or MessageTypes.FinancialRequest or MessageTypes.AdviceRequest
            or MessageTypes.BatchUploadRequest or MessageTypes.ReversalRequest or MessageTypes.SettlementRequest
            or MessageTypes.NetworkManagementRequest))
            return ("MTI", IsoCodec.MtiOffset, $"the host does not handle {mti}");
        if ((Missing(request, 11) ?? Missing(request, 41)) is { } absent) return absent;

        switch (mti)
        {
            case MessageTypes.FinancialRequest or MessageTypes.AuthorizationRequest:
                if (Missing(request, 3) is { } noCode) return noCode;
                if (request.ProcessingCode is ProcessingCodes.Sale or ProcessingCodes.Void or ProcessingCodes.PreAuthorization
                    && Missing(request, 4) is { } noAmount) return noAmount;
                if (Missing(request, 60) is { } noBatch) return noBatch;
                if (request[60]!.Length < 8)
                    return ("field 60", BitmapOffset, "needs 8 digits or more: type code and batch");
                break;
            case MessageTypes.ReversalRequest:
                if (Missing(request, 61) is { } noOriginal) return noOriginal;
                var original = request[61]!;
                if (original.Length < 12 || original.AsSpan(0, 12).ContainsAnyExceptInRange('0', '9'))
                    return ("field 61", BitmapOffset, "needs the original batch and STAN as 12 digits");
                break;
        }
        return null;
    }

    /// <summary>The ledger key of a sale or void: TID + batch (60.2) + STAN.</summary>
    public static LedgerKey Key(IsoMessage request) =>
        new(request.Required(41), request.Required(60).Substring(2, 6), request.Required(11));

    /// <summary>The key of the transaction a reversal undoes: TID + field 61's original batch + original STAN.</summary>
    public static LedgerKey OriginalKey(IsoMessage reversal)
    {
        var original = reversal.Required(61);
        return new(reversal.Required(41), original[..6], original.Substring(6, 6));
    }

    /// <summary>
    /// The key a refusal is recorded under: a reversal's original key, a request's own key when it
    /// carries a batch in field 60, else the terminal id and STAN with an empty batch.
    /// </summary>
    public static LedgerKey RecordKey(IsoMessage request) => request.Mti switch
    {
        MessageTypes.ReversalRequest => OriginalKey(request),
        _ when request[60] is { Length: >= 8 } => Key(request),
        _ => new(request.Required(41), "", request.Required(11)),
    };

    private static (string, int, string)? Missing(IsoMessage request, int field) =>
        request.Has(field) ? null : ($"field {field}", BitmapOffset, $"required in {request.Mti} but absent");
}
