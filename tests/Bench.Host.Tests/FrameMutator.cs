using Bench.Codec;

namespace Bench.Host.Tests;

/// <summary>
/// Makes hostile frames from valid ones: bit flips, random bytes, truncation, extension,
/// insertion, deletion, length-prefix and bitmap damage, and pure noise. Seeded, so a failure
/// reproduces.
/// </summary>
internal sealed class FrameMutator(int seed)
{
    private readonly Random random = new(seed);

    /// <summary>Valid bodies of every kind the host handles, and some it must refuse.</summary>
    public static IReadOnlyList<byte[]> ValidBodies()
    {
        var factory = TestMessages.Terminal();
        var chip = new SaleDetails(TestMessages.Card, 99_999, "000300", TestMessages.Batch)
        {
            PinBlock = [1, 2, 3, 4, 5, 6, 7, 8],
            Track3 = "996222021234567890123=1561560000000000000003000000114000049120=000000000000=000000000000=000000000",
            IccData = [new Tlv(0x9F26, [1, 2, 3, 4, 5, 6, 7, 8]), new Tlv(0x9F27, [0x80]), new Tlv(0x95, [0, 0, 0, 0, 0])],
        };
        var sale = TestMessages.Sale(100);
        IsoMessage[] messages =
        [
            sale,
            factory.Sale(chip),
            TestMessages.SignOn(101),
            MessageFactory.Reversal(sale, "98", "123456"),
            factory.Balance(new SaleDetails(TestMessages.Card, 0, "000102", TestMessages.Batch)),
            factory.Void(new SaleDetails(TestMessages.Card, 12_345, "000103", TestMessages.Batch), sale, "000000000001", "123456"),
            factory.Settlement("000104", TestMessages.Batch, new SettlementTotals(3, 30_000, 1, 500)),
            factory.BatchUpload("000105", TestMessages.Batch, "0000000000012345"),
            ReplyBuilder.To(sale, new ReplyDetails("00", new DateTime(2025, 1, 1)) { RetrievalReferenceNumber = "000000000001", AuthorizationCode = "123456" }),
        ];
        return messages.Select(IsoCodec.Cup.Encode).ToArray();
    }

    public byte[] MutateBody(byte[] body) => random.Next(10) switch
    {
        0 => FlipBits(body),
        1 => SetBytes(body),
        2 => body[..random.Next(body.Length)],
        3 => [.. body, .. Noise(random.Next(1, 40))],
        4 => Insert(body),
        5 => Delete(body),
        6 => Noise(random.Next(0, 300)),
        7 => SetBytes(body, 0x99, 0xFF, 0x00, 0x0D, 0xDD),
        8 => FlipBitmapBit(body),
        _ => FlipBits(SetBytes(body)),
    };

    /// <summary>A whole frame: usually a mutated body behind its length, sometimes the prefix itself damaged.</summary>
    public byte[] MutateFrame(byte[] body)
    {
        var mutated = MutateBody(body);
        var frame = new byte[mutated.Length + Framing.PrefixLength];
        Framing.WritePrefix(frame, mutated.Length);
        mutated.CopyTo(frame, Framing.PrefixLength);
        switch (random.Next(4))
        {
            case 0:
                Framing.WritePrefix(frame, random.Next(0, 0x10000));
                break;
            case 1:
                Framing.WritePrefix(frame, Math.Max(0, mutated.Length + random.Next(-5, 6)));
                break;
        }
        return frame;
    }

    private byte[] FlipBits(byte[] body)
    {
        var copy = (byte[])body.Clone();
        if (copy.Length == 0) return copy;
        for (var i = random.Next(1, 5); i > 0; i--) copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private byte[] SetBytes(byte[] body, params byte[] choices)
    {
        var copy = (byte[])body.Clone();
        if (copy.Length == 0) return copy;
        for (var i = random.Next(1, 4); i > 0; i--)
            copy[random.Next(copy.Length)] = choices.Length > 0 ? choices[random.Next(choices.Length)] : (byte)random.Next(256);
        return copy;
    }

    private byte[] Insert(byte[] body)
    {
        var at = random.Next(body.Length + 1);
        return [.. body[..at], .. Noise(random.Next(1, 8)), .. body[at..]];
    }

    private byte[] Delete(byte[] body)
    {
        if (body.Length == 0) return body;
        var at = random.Next(body.Length);
        var count = random.Next(1, Math.Min(16, body.Length - at) + 1);
        return [.. body[..at], .. body[(at + count)..]];
    }

    private byte[] FlipBitmapBit(byte[] body)
    {
        var copy = (byte[])body.Clone();
        const int bitmapStart = IsoCodec.MtiOffset + 2;
        if (copy.Length >= bitmapStart + 8) copy[bitmapStart + random.Next(8)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private byte[] Noise(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
