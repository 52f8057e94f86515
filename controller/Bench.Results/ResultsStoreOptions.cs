namespace Bench.Results;

/// <summary>How a <see cref="ResultsStore"/> stores what it is given.</summary>
public sealed record ResultsStoreOptions
{
    /// <summary>
    /// Store frame bodies byte for byte, card numbers and track data included, for labs that replay
    /// test cards byte-exactly (the working keys of sign-on replies included). Off (the default): bodies are stored
    /// through <see cref="Bench.Codec.CardDataMask"/>, which zeroes card digits and field 62 of an 0810.
    /// </summary>
    public bool KeepRawFrames { get; init; }
}
