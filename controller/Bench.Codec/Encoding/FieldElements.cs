namespace Bench.Codec.Encoding;

/// <summary>Cached element names ("field 35") so the hot decode path does not format strings.</summary>
internal static class FieldElements
{
    private static readonly string[] Names = Enumerable.Range(0, IsoMessage.FieldSlots).Select(n => $"field {n}").ToArray();

    public static string Name(int field) => Names[field];
}
