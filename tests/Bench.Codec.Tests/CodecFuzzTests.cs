using static Bench.Codec.Tests.TestMessages;

namespace Bench.Codec.Tests;

/// <summary>
/// 100,000 random and mutated bodies through the decoder: the only exception allowed out is
/// <see cref="IsoDecodeException"/>, and whatever does decode must encode again.
/// </summary>
public class CodecFuzzTests
{
    private const int Iterations = 100_000;

    [Test]
    public void RandomAndMutatedFramesRaiseOnlyDecodeErrors()
    {
        var random = new Random(8583);
        var seeds = new[]
        {
            IsoCodec.Cup.Encode(SignOn()),
            IsoCodec.Cup.Encode(Sale()),
            IsoCodec.Cup.Encode(MessageFactory.Reversal(Sale(), "98")),
            IsoCodec.Cup.Encode(ReplyBuilder.To(Sale(), new ReplyDetails("00", HostTime) { RetrievalReferenceNumber = "000000000001", AuthorizationCode = "123456" })),
        };
        int decoded = 0, rejected = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var body = Mutate(random, seeds[random.Next(seeds.Length)], i);
            try
            {
                var message = IsoCodec.Cup.Decode(body);
                IsoCodec.Cup.Encode(message);
                decoded++;
            }
            catch (IsoDecodeException error)
            {
                Assert.That(error.Offset, Is.InRange(0, body.Length), error.Message);
                rejected++;
            }
        }
        Assert.That(decoded + rejected, Is.EqualTo(Iterations));
        Assert.That(rejected, Is.GreaterThan(Iterations / 10), "mutations must actually break frames");
        Assert.That(decoded, Is.GreaterThan(Iterations / 100), "some mutations must still decode");
    }

    private static byte[] Mutate(Random random, byte[] seed, int iteration)
    {
        switch (iteration % 6)
        {
            case 0: // pure garbage
                var garbage = new byte[random.Next(0, 300)];
                random.NextBytes(garbage);
                return garbage;
            case 1: // truncated
                return seed[..random.Next(0, seed.Length)];
            case 2: // flipped bits
                var flipped = (byte[])seed.Clone();
                for (var n = random.Next(1, 4); n > 0; n--) flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                return flipped;
            case 3: // random byte overwrites inside the bitmap and first fields
                var overwritten = (byte[])seed.Clone();
                overwritten[random.Next(IsoCodec.MtiOffset, Math.Min(overwritten.Length, 40))] = (byte)random.Next(256);
                return overwritten;
            case 4: // extra bytes
                var extended = new byte[seed.Length + random.Next(1, 20)];
                seed.CopyTo(extended, 0);
                random.NextBytes(extended.AsSpan(seed.Length));
                return extended;
            default: // a valid prefix followed by garbage
                var spliced = (byte[])seed.Clone();
                random.NextBytes(spliced.AsSpan(random.Next(IsoCodec.MtiOffset, spliced.Length)));
                return spliced;
        }
    }
}
