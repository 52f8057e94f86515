using System.Globalization;
using Bench.Codec;

namespace Bench.Host.Tests;

/// <summary>Requests as a terminal would send them, built with the codec's own factory.</summary>
internal static class TestMessages
{
    public const string Pan = "6222021234567890123";
    public const string Batch = "000001";

    public static readonly MagneticStripeCard Card = new(Pan, "2912", "201", "0000");
    public static readonly MessageAuthenticationCode MacKey = new([0x2C, 0x2C, 0x2C, 0x2C, 0x2C, 0x2C, 0x2C, 0x2C]);

    public static MessageFactory Terminal(string terminalId = "TERM0001") =>
        new(new TerminalIdentity(terminalId, "123456789012345"));

    public static string Stan(int number) => number.ToString("D6", CultureInfo.InvariantCulture);

    public static IsoMessage Sale(int stan, long amount = 12_345, string terminalId = "TERM0001") =>
        new MessageSigner(IsoCodec.Cup, MacKey).Sign(Terminal(terminalId).Sale(new SaleDetails(Card, amount, Stan(stan), Batch)));

    /// <summary>The terminal's 0400 for <paramref name="sale"/>, signed as a terminal signs it.</summary>
    public static IsoMessage Reversal(IsoMessage sale, string reason = ResponseCodes.ReversalNoResponse) =>
        new MessageSigner(IsoCodec.Cup, MacKey).Sign(MessageFactory.Reversal(sale, reason));

    public static IsoMessage SignOn(int stan, string terminalId = "TERM0001") => Terminal(terminalId).SignOn(Stan(stan), Batch);

    public static LedgerKey Key(int stan, string terminalId = "TERM0001") => new(terminalId, Batch, Stan(stan));
}
