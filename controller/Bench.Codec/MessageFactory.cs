using System.Globalization;

namespace Bench.Codec;

/// <summary>
/// Builds the terminal's requests of the CUP profile (DESIGN.md §4). Messages come out unsigned;
/// a <see cref="MessageSigner"/> adds field 64 where the profile wants a MAC.
/// </summary>
public sealed class MessageFactory(TerminalIdentity terminal)
{
    /// <summary>Field 63 on sign-on and settlement: the operator number, "01" plus a space.</summary>
    public const string DefaultOperator = "01 ";

    public TerminalIdentity Terminal => terminal;

    /// <summary>0800 sign-on: fields 11, 41, 42, 60 (00 + batch + 001), 63.</summary>
    public IsoMessage SignOn(string stan, string batch) => Create(MessageTypes.NetworkManagementRequest,
    [
        new(11, stan),
        new(60, new Field60(Field60.ManagementTypeCode, batch, Field60.SignOnSingleDes).ToString()),
        new(63, DefaultOperator),
    ]);

    /// <summary>0200 sale: fields 2, 3, 4, 11, 14, 22, 25, 26, 35, 41, 42, 49, 60 (+ 23, 36, 52, 53, 55 when present).</summary>
    public IsoMessage Sale(SaleDetails sale) => CardRequest(ProcessingCodes.Sale, Field60.SaleTypeCode, sale, sale.AmountMinorUnits);

    /// <summary>0200 balance inquiry: processing code 310000, no amount.</summary>
    public IsoMessage Balance(SaleDetails inquiry) => CardRequest(ProcessingCodes.Balance, Field60.BalanceTypeCode, inquiry, amount: null);

    /// <summary>0200 void of an earlier sale: code 200000, 37 and 38 of the original, 61 = original batch + STAN.</summary>
    public IsoMessage Void(SaleDetails voiding, IsoMessage originalSale, string originalRrn, string originalAuthCode)
    {
        var original = Field60.Parse(originalSale.Required(60));
        return CardRequest(ProcessingCodes.Void, Field60.VoidTypeCode, voiding, voiding.AmountMinorUnits)
            .With(37, originalRrn)
            .With(38, originalAuthCode)
            .With(61, original.Batch + originalSale.Required(11));
    }

    /// <summary>
    /// 0400 reversal: a copy of the original request with MTI 0400, field 39 = reason, 38 when an
    /// auth code is known, 35/36/52/26/53/37/64 removed, and 61 = original batch + STAN.
    /// </summary>
    public static IsoMessage Reversal(IsoMessage originalRequest, string reason, string? authCode = null)
    {
        var original = Field60.Parse(originalRequest.Required(60));
        var reversal = originalRequest.WithMti(MessageTypes.ReversalRequest)
            .Without(35, 36, 52, 26, 53, 37, 64)
            .With(39, reason)
            .With(61, original.Batch + originalRequest.Required(11));
        return authCode is null ? reversal.Without(38) : reversal.With(38, authCode);
    }

    /// <summary>0320 batch upload of one completed transaction (48 carries its summary digits).</summary>
    public IsoMessage BatchUpload(string stan, string batch, string transactionSummaryDigits) => Create(MessageTypes.BatchUploadRequest,
    [
        new(11, stan),
        new(48, transactionSummaryDigits),
        new(60, new Field60(Field60.ManagementTypeCode, batch, Field60.SettlementCode).ToString()),
    ]);

    /// <summary>0500 settlement: 48 = debit total (n12) + count (n3) + credit total (n12) + count (n3) + flag (n1).</summary>
    public IsoMessage Settlement(string stan, string batch, SettlementTotals totals) => Create(MessageTypes.SettlementRequest,
    [
        new(11, stan),
        new(48, totals.ToField48()),
        new(49, terminal.CurrencyCode),
        new(60, new Field60(Field60.ManagementTypeCode, batch, Field60.SettlementCode).ToString()),
        new(63, DefaultOperator),
    ]);

    private IsoMessage CardRequest(string processingCode, string typeCode, SaleDetails sale, long? amount)
    {
        var fields = new List<KeyValuePair<int, string>>
        {
            new(2, sale.Card.Pan),
            new(3, processingCode),
            new(11, sale.Stan),
            new(14, sale.Card.Expiry),
            new(22, EntryMode(sale)),
            new(25, "00"),
            new(35, sale.Card.Track2Data),
            new(49, terminal.CurrencyCode),
            new(60, new Field60(typeCode, sale.Batch).ToString()),
        };
        if (amount is { } minorUnits) fields.Add(new(4, minorUnits.ToString("D12", CultureInfo.InvariantCulture)));
        if (sale.Track3 is { } track3) fields.Add(new(36, track3));
        if (sale.PinBlock is { } pinBlock)
        {
            fields.Add(new(26, "06"));
            fields.Add(new(52, Convert.ToHexString(pinBlock)));
            fields.Add(new(53, "2600000000000000"));
        }
        if (sale.IccData is { } icc)
        {
            fields.Add(new(23, "001"));
            fields.Add(new(55, Convert.ToHexString(TlvCodec.Encode(icc))));
        }
        var request = Create(MessageTypes.FinancialRequest, fields);
        // The header's application class tells the host how the card was read: 60 stripe, 61 chip.
        return sale.IccData is null ? request : request.WithHeader(request.Header with { ApplicationClass = MessageHeader.IntegratedCircuit });
    }

    /// <summary>Field 22: 02x magnetic stripe, 05x chip; x = 1 with a PIN, 2 without.</summary>
    private static string EntryMode(SaleDetails sale) =>
        (sale.IccData is null ? "02" : "05") + (sale.PinBlock is null ? "2" : "1");

    private IsoMessage Create(string mti, IEnumerable<KeyValuePair<int, string>> fields) =>
        new(mti, terminal.Tpdu, terminal.Header, fields.Append(new(41, terminal.TerminalId)).Append(new(42, terminal.MerchantId)));
}
