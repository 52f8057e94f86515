namespace Bench.Codec.Tests;

/// <summary>The terminal, card and clock every vector is built from.</summary>
internal static class TestMessages
{
    public const string TerminalId = "12345678";
    public const string MerchantId = "123456789012345";

    // Hex pieces shared by the vectors.
    public const string RequestTpdu = "60 0003 0000";   // 60 + destination 0003 + source 0000
    public const string ReplyTpdu = "60 0000 0003";     // destination and source swapped
    public const string Header = "60 31 00 000000";     // magstripe, version 31, status 0 / requirement 0, reserved
    public static readonly string Tid = Hex.Ascii(TerminalId);
    public static readonly string Mid = Hex.Ascii(MerchantId);

    /// <summary>Visa's public test PAN 4761 3400 0000 0019, expiry 2812, service code 201, discretionary 0000.</summary>
    public static MagneticStripeCard Card { get; } = new("4761340000000019", "2812", "201", "0000");

    public static DateTime HostTime { get; } = new(2026, 11, 25, 22, 30, 15);

    public static MessageFactory Factory { get; } = new(new TerminalIdentity(TerminalId, MerchantId));

    public static IsoMessage SignOn() => Factory.SignOn("000001", "000001");

    public static IsoMessage Sale() => Factory.Sale(new SaleDetails(Card, 12345, "000002", "000001"));
}
