using Bench.Codec;

namespace Bench.Cli.Benchmarks;

/// <summary>The realistic request the benchmarks use: a swiped 0200 sale with track 2 and a MAC.</summary>
internal static class BenchmarkMessages
{
    public static IsoMessage Sale(string terminalId = "BENCH001", string stan = "000001")
    {
        var card = new MagneticStripeCard("6222021234567890123", "2912", "201", "0000");
        var factory = new MessageFactory(new TerminalIdentity(terminalId, "123456789012345"));
        using var mac = new MessageAuthenticationCode([0x2C, 0x2C, 0x2C, 0x2C, 0x2C, 0x2C, 0x2C, 0x2C]);
        return new MessageSigner(IsoCodec.Cup, mac).Sign(factory.Sale(new SaleDetails(card, 12_345, stan, "000001")));
    }
}
