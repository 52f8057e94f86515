namespace Bench.Codec.Tests;

public sealed class CardDataMaskTests
{
    private const string Pan = "6222021234567890128";
    private static readonly MagneticStripeCard Card = new(Pan, "3012", "220", "0000000000");

    private static IsoMessage Sale() => TestMessages.Factory.Sale(new SaleDetails(Card, 12345, "000002", "000001"));

    [Test]
    public void A_sale_keeps_first_6_and_last_4_of_the_pan_in_fields_2_and_35_and_decodes()
    {
        var wire = IsoCodec.Cup.Encode(Sale());

        var masked = CardDataMask.Mask(wire);
        var decoded = IsoCodec.Cup.Decode(masked.Body);

        Assert.Multiple(() =>
        {
            Assert.That(masked.Masked, Is.True);
            Assert.That(decoded[2], Is.EqualTo("622202" + "000000000" + "0128"));
            Assert.That(decoded[35], Is.EqualTo("622202" + "000000000" + "0128" + "=" + new string('0', 17)));
            Assert.That(masked.Body, Has.Length.EqualTo(wire.Length));
            var original = IsoCodec.Cup.Decode(wire);
            foreach (var number in original.FieldNumbers.Where(number => number is not 2 and not 35))
                Assert.That(decoded[number], Is.EqualTo(original[number]), $"field {number}");
            Assert.That(Convert.ToHexString(masked.Body), Does.Not.Contain(Pan[..18]), "no packed PAN left");
        });
    }

    [Test]
    public void Only_the_card_digit_nibbles_change()
    {
        var wire = IsoCodec.Cup.Encode(Sale());
        var masked = CardDataMask.Mask(wire).Body;

        var changedBytes = Enumerable.Range(0, wire.Length).Count(index => wire[index] != masked[index]);

        // PAN middle (9 digits) twice, plus track 2's expiry and service code (the discretionary zeros are already zero).
        Assert.That(changedBytes, Is.InRange(1, 9 + 9 + 4));
        Assert.That(masked.AsSpan(IsoCodec.MtiOffset, 10).ToArray(), Is.EqualTo(wire.AsSpan(IsoCodec.MtiOffset, 10).ToArray()), "MTI and bitmap untouched");
    }

    [Test]
    public void A_message_without_card_data_is_stored_as_it_was()
    {
        var wire = IsoCodec.Cup.Encode(TestMessages.SignOn());

        var masked = CardDataMask.Mask(wire);

        Assert.That(masked.Masked, Is.False);
        Assert.That(masked.Body, Is.EqualTo(wire));
    }

    [Test]
    public void A_body_that_does_not_decode_loses_every_long_digit_run_packed_or_ascii()
    {
        var wire = IsoCodec.Cup.Encode(Sale());
        var truncated = wire[..^3].Concat(System.Text.Encoding.ASCII.GetBytes("x" + Pan + "x")).ToArray();

        var masked = CardDataMask.Mask(truncated);

        Assert.Multiple(() =>
        {
            Assert.That(masked.Masked, Is.True);
            Assert.That(Convert.ToHexString(masked.Body), Does.Not.Contain(Pan[..16]));
            Assert.That(System.Text.Encoding.Latin1.GetString(masked.Body), Does.Not.Contain(Pan[6..15]));
        });
    }
}
