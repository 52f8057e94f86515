using static Bench.Codec.Tests.TestMessages;

namespace Bench.Codec.Tests;

public class EncodeErrorTests
{
    [TestCase(11, "12345", "needs exactly 6 digits")]
    [TestCase(11, "12345A", "not a numeric digit")]
    [TestCase(41, "1234567", "needs exactly 8 characters")]
    [TestCase(2, "12345678901234567890", "exceed the maximum 19")]
    [TestCase(64, "0011", "needs exactly 8 bytes")]
    [TestCase(64, "00112233445566ZZ", "not hex")]
    public void ValueThatDoesNotFitItsFieldIsRefused(int field, string value, string reason)
    {
        var error = Assert.Throws<IsoEncodeException>(() => IsoCodec.Cup.Encode(SignOn().With(field, value)))!;
        Assert.That(error.Element, Is.EqualTo($"field {field}"));
        Assert.That(error.Reason, Does.Contain(reason));
    }

    [Test]
    public void FieldOutsideTheProfileIsRefused()
    {
        var error = Assert.Throws<IsoEncodeException>(() => IsoCodec.Cup.Encode(SignOn().With(5, "1")))!;
        Assert.That(error.Element, Is.EqualTo("field 5"));
    }
}
