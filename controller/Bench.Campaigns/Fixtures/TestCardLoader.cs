namespace Bench.Campaigns.Fixtures;

/// <summary>Reads a test card (fixtures/cards/*.yaml) into a <see cref="TestCardDefinition"/>.</summary>
public static class TestCardLoader
{
    private static readonly string[] Keys = ["label", "pan", "expiry", "serviceCode", "discretionaryData"];

    // Track 2 (field 35) carries at most 37 digits: PAN, separator, expiry, service code, discretionary data.
    private const int Track2MaximumDigits = 37;

    /// <exception cref="CampaignFileException">The file is missing, malformed or has an invalid value.</exception>
    public static TestCardDefinition Load(string file) => Load(file, FixtureOverrides.None);

    /// <summary>Loads the card with the run's <c>--set card.KEY</c> overrides applied.</summary>
    public static TestCardDefinition Load(string file, FixtureOverrides overrides)
    {
        var reader = YamlFixtureFile.OpenRootMapping(file, FixtureKind.Card, overrides);
        reader.RejectUnknownKeys(Keys);

        var label = reader.RequiredString("label");

        // Spaces are allowed so a PAN can be written in readable groups.
        var pan = reader.RequiredString("pan").Replace(" ", "", StringComparison.Ordinal);
        // 13 to 19: the bench's free-text masking recognises card numbers of those lengths.
        if (!pan.All(char.IsAsciiDigit) || pan.Length is < 13 or > 19)
        {
            throw reader.Error("pan", $"must be 13 to 19 digits (got {pan.Length} characters)");
        }

        if (!Bench.Codec.MagneticStripeCard.IsLuhnValid(pan))
        {
            throw reader.Error("pan", "fails the Luhn check digit; a test PAN must still be Luhn-valid");
        }

        var expiry = reader.RequiredString("expiry");
        if (expiry.Length != 4 || !expiry.All(char.IsAsciiDigit) || int.Parse(expiry[2..]) is < 1 or > 12)
        {
            throw reader.Error("expiry", $"must be YYMM with month 01 to 12 (got '{expiry}')");
        }

        var serviceCode = reader.RequiredString("serviceCode");
        if (serviceCode.Length != 3 || !serviceCode.All(char.IsAsciiDigit))
        {
            throw reader.Error("serviceCode", $"must be 3 digits (got '{serviceCode}')");
        }

        var discretionaryData = reader.OptionalString("discretionaryData") ?? "";
        if (!discretionaryData.All(char.IsAsciiDigit))
        {
            throw reader.Error("discretionaryData", $"must be digits only (got '{discretionaryData}')");
        }

        var track2Digits = pan.Length + 1 + expiry.Length + serviceCode.Length + discretionaryData.Length;
        if (track2Digits > Track2MaximumDigits)
        {
            throw reader.Error(
                "discretionaryData", $"makes track 2 {track2Digits} characters long; at most {Track2MaximumDigits} fit");
        }

        return new TestCardDefinition(label, pan, expiry, serviceCode, discretionaryData);
    }
}
