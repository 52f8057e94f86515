namespace Bench.Codec;

/// <summary>How a field's value is laid out on the wire. Each type has one encoder (Encoding/*Encoder.cs).</summary>
public enum FieldType
{
    /// <summary>n, fixed length, packed BCD, left-aligned with a trailing 0 nibble when odd.</summary>
    Numeric,
    /// <summary>n, LL/LLL BCD digit count, then packed BCD left-aligned.</summary>
    VariableNumeric,
    /// <summary>z (track data), LL/LLL BCD digit count, BCD with '=' as nibble D.</summary>
    VariableTrack,
    /// <summary>an/ans, fixed length, ASCII.</summary>
    Alphanumeric,
    /// <summary>an/ans, LL/LLL BCD byte count, ASCII.</summary>
    VariableAlphanumeric,
    /// <summary>b, fixed length in bits (a multiple of 8); value is upper-case hex.</summary>
    Binary,
    /// <summary>b, LL/LLL BCD byte count; value is upper-case hex.</summary>
    VariableBinary,
}
