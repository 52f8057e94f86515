namespace Bench.Codec;

/// <summary>Field 3 values the CUP profile uses.</summary>
public static class ProcessingCodes
{
    public const string Sale = "000000";
    public const string Void = "200000";
    public const string Balance = "310000";
    public const string PreAuthorization = "030000";
}
