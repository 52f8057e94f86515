namespace Bench.Codec.Tests;

public class Field60Tests
{
    [Test]
    public void ParsesTypeBatchAndNetworkCode()
    {
        var field = Field60.Parse("22000123001");
        Assert.That(field, Is.EqualTo(new Field60("22", "000123", "001")));
        Assert.That(field.ToString(), Is.EqualTo("22000123001"));
    }

    [Test]
    public void KeepsDigitsBeyondTheThirdSubfield() =>
        Assert.That(Field60.Parse("2200012300150").Rest, Is.EqualTo("50"));

    [Test]
    public void TooShortIsAFormatError() =>
        Assert.Throws<FormatException>(() => Field60.Parse("2200"));
}
