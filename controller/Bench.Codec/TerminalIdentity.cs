namespace Bench.Codec;

/// <summary>Who a terminal is on the wire: terminal id (8), merchant id (15), TPDU, header and currency.</summary>
public sealed record TerminalIdentity(string TerminalId, string MerchantId, Tpdu Tpdu, MessageHeader Header, string CurrencyCode = "156")
{
    public TerminalIdentity(string terminalId, string merchantId)
        : this(terminalId, merchantId, Tpdu.Default, MessageHeader.Default)
    {
    }
}
