namespace Bench.Codec;

/// <summary>
/// The 6-byte CUP message header: application class (BCD, <c>60</c> magstripe, <c>61</c> IC),
/// software version (BCD), terminal status nibble + processing requirement nibble, and three
/// reserved bytes (the software sub-version on most terminals), kept verbatim.
/// </summary>
public sealed record MessageHeader(
    byte ApplicationClass,
    byte SoftwareVersion,
    byte TerminalStatus,
    ProcessingRequirement ProcessingRequirement,
    int Reserved)
{
    public const int Length = 6;
    public const byte Magstripe = 0x60;
    public const byte IntegratedCircuit = 0x61;

    public static MessageHeader Default { get; } = new(Magstripe, 0x31, 0, ProcessingRequirement.None, 0x000000);

    public void WriteTo(Span<byte> destination)
    {
        destination[0] = ApplicationClass;
        destination[1] = SoftwareVersion;
        destination[2] = (byte)((TerminalStatus & 0x0F) << 4 | ((byte)ProcessingRequirement & 0x0F));
        destination[3] = (byte)(Reserved >> 16);
        destination[4] = (byte)(Reserved >> 8);
        destination[5] = (byte)Reserved;
    }

    public static MessageHeader ReadFrom(ReadOnlySpan<byte> source) => new(
        source[0],
        source[1],
        (byte)(source[2] >> 4),
        (ProcessingRequirement)(source[2] & 0x0F),
        source[3] << 16 | source[4] << 8 | source[5]);
}
