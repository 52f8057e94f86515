using static Bench.Codec.Tests.TestMessages;

namespace Bench.Codec.Tests;

/// <summary>
/// Hand-derived frames for every message type, from the field table of DESIGN.md §4.
/// Bitmap bytes: field n sets bit 0x80 >> ((n - 1) % 8) of byte (n - 1) / 8.
/// Each vector lists the length prefix, then one hex piece per element in wire order.
/// </summary>
public class MessageVectorTests
{
    private static readonly IsoCodec Codec = IsoCodec.Cup;

    private static void AssertVector(IsoMessage message, params string[] expectedPieces)
    {
        var expected = Hex.Bytes(expectedPieces);
        var frame = Codec.EncodeFrame(message);
        Assert.That(Hex.Of(frame), Is.EqualTo(Hex.Of(expected)), message.ToString());
        var decoded = Codec.Decode(frame.AsSpan(2));
        Assert.That(Hex.Of(Codec.EncodeFrame(decoded)), Is.EqualTo(Hex.Of(expected)), "decode then encode must give the same bytes");
    }

    [Test]
    public void SignOn0800()
    {
        AssertVector(SignOn(),
            "003C",                      // 60 body bytes: 5 + 6 + 2 + 8 + 3 + 8 + 15 + 8 + 5
            RequestTpdu, Header,
            "0800",                      // MTI, BCD
            "0020 0000 00C0 0012",       // 11 → byte1 0x20; 41, 42 → byte5 0xC0; 60 (0x10) + 63 (0x02) → byte7
            "000001",                    // 11 STAN n6
            Tid, Mid,                    // 41 ans8, 42 ans15
            "0011 000000010010",         // 60 LLL=011 digits: 00 (type) 000001 (batch) 001 (sign-on) + pad nibble
            "0003", Hex.Ascii("01 "));   // 63 LLL=003 bytes: operator "01 "
    }

    [Test]
    public void SignOnReply0810()
    {
        var reply = ReplyBuilder.To(SignOn(), new ReplyDetails(ResponseCodes.Approved, HostTime)
        {
            Field60 = "00000002001",
            WorkingKeys = "1122334455667788",
        });
        AssertVector(reply,
            "0050",                      // 80 = 21 + 3 + 3 + 2 + 2 + 8 + 15 + 8 + 18
            ReplyTpdu, Header,
            "0810",
            "0038 0000 02C0 0014",       // 11, 12, 13 → 0x38; 39 → byte4 0x02; 41, 42; 60 (0x10) + 62 (0x04)
            "000001",                    // 11 echoed
            "223015", "1125",            // 12 hhmmss, 13 MMDD
            Hex.Ascii("00"),             // 39 an2
            Tid, Mid,
            "0011 000000020010",         // 60: the host assigns batch 000002
            "0016", Hex.Ascii("1122334455667788")); // 62 LLL=016 bytes; 63 is request-only and dropped
    }

    [Test]
    public void Sale0200()
    {
        AssertVector(Sale(),
            "0060",                      // 96 = 21 + 9 + 3 + 6 + 3 + 2 + 2 + 1 + 15 + 8 + 15 + 3 + 8
            RequestTpdu, Header,
            "0200",
            "7024 0480 20C0 8010",       // 2, 3, 4 → 0x70; 11 (0x20) + 14 (0x04); 22 → 0x04; 25 → 0x80; 35 → 0x20; 41, 42; 49 → 0x80; 60
            "16 4761340000000019",       // 2 LL=16 digits, BCD
            "000000",                    // 3 sale
            "000000012345",              // 4 amount 123.45
            "000002",                    // 11
            "2812",                      // 14 expiry YYMM
            "0220",                      // 22 n3 "022" (stripe, no PIN) left-aligned with a pad nibble
            "00",                        // 25 condition code
            "28 4761340000000019D28122010000", // 35 LL=28 digits; '=' is nibble D
            Tid, Mid,
            Hex.Ascii("156"),            // 49 CNY
            "0011 220000010000");        // 60: 22 (sale) 000001 (batch) 000 + pad nibble
    }

    [Test]
    public void SaleReply0210()
    {
        var reply = ReplyBuilder.To(Sale(), new ReplyDetails(ResponseCodes.Approved, HostTime)
        {
            RetrievalReferenceNumber = "123456789012",
            AuthorizationCode = "A1B2C3",
        });
        AssertVector(reply,
            "0066",                      // 102 = 21 + 9 + 3 + 6 + 3 + 3 + 2 + 1 + 12 + 6 + 2 + 8 + 15 + 3 + 8
            ReplyTpdu, Header,
            "0210",
            "7038 0080 0EC0 8010",       // 14, 22, 35 dropped; 12, 13 added; 37, 38, 39 → 0x0E
            "16 4761340000000019", "000000", "000000012345", "000002",
            "223015", "1125", "00",
            Hex.Ascii("123456789012"),   // 37 RRN an12
            Hex.Ascii("A1B2C3"),         // 38 auth code an6
            Hex.Ascii("00"),             // 39 approved
            Tid, Mid, Hex.Ascii("156"),
            "0011 220000010000");
    }

    [Test]
    public void Void0200()
    {
        var voiding = Factory.Void(new SaleDetails(Card, 12345, "000003", "000001"), Sale(), "123456789012", "A1B2C3");
        AssertVector(voiding,
            "0080",                      // 128 = 21 + 107
            RequestTpdu, Header,
            "0200",
            "7024 0480 2CC0 8018",       // as the sale, plus 37, 38 (byte4 0x2C) and 61 (byte7 0x08)
            "16 4761340000000019",
            "200000",                    // 3 void
            "000000012345", "000003", "2812", "0220", "00",
            "28 4761340000000019D28122010000",
            Hex.Ascii("123456789012"), Hex.Ascii("A1B2C3"),
            Tid, Mid, Hex.Ascii("156"),
            "0011 230000010000",         // 60: 23 (void)
            "0012", Hex.Ascii("000001000002")); // 61: original batch 000001 + original STAN 000002
    }

    [Test]
    public void Balance0200()
    {
        var inquiry = Factory.Balance(new SaleDetails(Card, 0, "000004", "000001"));
        AssertVector(inquiry,
            "005A",                      // 90 = 21 + 69: no amount
            RequestTpdu, Header,
            "0200",
            "6024 0480 20C0 8010",       // 2, 3 → 0x60 (no field 4)
            "16 4761340000000019",
            "310000",                    // 3 balance
            "000004", "2812", "0220", "00",
            "28 4761340000000019D28122010000",
            Tid, Mid, Hex.Ascii("156"),
            "0011 010000010000");        // 60: 01 (balance)
    }

    [Test]
    public void Reversal0400()
    {
        var reversal = MessageFactory.Reversal(Sale(), ResponseCodes.ReversalNoResponse);
        AssertVector(reversal,
            "0061",                      // 97 = 21 + 76
            RequestTpdu, Header,
            "0400",
            "7024 0480 02C0 8018",       // the sale's fields less 35, plus 39 (byte4 0x02) and 61 (byte7 0x08)
            "16 4761340000000019", "000000", "000000012345", "000002", "2812", "0220", "00",
            Hex.Ascii("98"),             // 39: reason 98, no response
            Tid, Mid, Hex.Ascii("156"),
            "0011 220000010000",
            "0012", Hex.Ascii("000001000002")); // 61: original batch + STAN
    }

    [Test]
    public void ReversalReply0410()
    {
        var reply = ReplyBuilder.To(MessageFactory.Reversal(Sale(), ResponseCodes.ReversalNoResponse), new ReplyDetails(ResponseCodes.Approved, HostTime));
        AssertVector(reply,
            "0062",                      // 98 = 21 + 77
            ReplyTpdu, Header,
            "0410",
            "7038 0080 02C0 8018",       // 14 and 22 dropped; 12, 13 added
            "16 4761340000000019", "000000", "000000012345", "000002",
            "223015", "1125", "00",
            Hex.Ascii("00"),
            Tid, Mid, Hex.Ascii("156"),
            "0011 220000010000",
            "0012", Hex.Ascii("000001000002"));
    }

    [Test]
    public void BatchUpload0320AndReply0330()
    {
        var upload = Factory.BatchUpload("000005", "000001", "0123456789");
        AssertVector(upload,
            "003E",                      // 62 = 21 + 3 + 8 + 15 + 7 + 8
            RequestTpdu, Header,
            "0320",
            "0020 0000 00C1 0010",       // 11; 41, 42, 48 (byte5 0x01); 60
            "000005", Tid, Mid,
            "0010 0123456789",           // 48 LLL=010 digits, BCD
            "0011 000000012010");        // 60: 00 000001 201
        AssertVector(ReplyBuilder.To(upload, new ReplyDetails(ResponseCodes.Approved, HostTime)),
            "0045",                      // 69 = 21 + 3 + 3 + 2 + 2 + 8 + 15 + 7 + 8
            ReplyTpdu, Header,
            "0330",
            "0038 0000 02C1 0010",
            "000005", "223015", "1125", Hex.Ascii("00"), Tid, Mid,
            "0010 0123456789", "0011 000000012010");
    }

    [Test]
    public void Settlement0500AndReply0510()
    {
        var settlement = Factory.Settlement("000006", "000001", new SettlementTotals(2, 24690, 0, 0));
        const string field48 = "0031 00000002469000200000000000000000"; // 31 digits + pad nibble
        AssertVector(settlement,
            "0051",                      // 81 = 21 + 3 + 8 + 15 + 18 + 3 + 8 + 5
            RequestTpdu, Header,
            "0500",
            "0020 0000 00C1 8012",       // 11; 41, 42, 48; 49 (byte6 0x80); 60 + 63
            "000006", Tid, Mid,
            field48,                     // debit total 000000024690, count 002, credit total 0, count 000, flag 0
            Hex.Ascii("156"),
            "0011 000000012010",
            "0003", Hex.Ascii("01 "));
        AssertVector(ReplyBuilder.To(settlement, new ReplyDetails(ResponseCodes.Approved, HostTime)),
            "0053",                      // 83: 63 dropped, 12, 13, 39 added
            ReplyTpdu, Header,
            "0510",
            "0038 0000 02C1 8010",
            "000006", "223015", "1125", Hex.Ascii("00"), Tid, Mid, field48, Hex.Ascii("156"),
            "0011 000000012010");
    }
}
