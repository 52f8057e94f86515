namespace Bench.Results.Capture;

/// <summary>How <see cref="CaptureExporter"/> writes a capture.</summary>
public sealed record CaptureOptions
{
    /// <summary>
    /// Write frame bodies as the store holds them. Off (the default): every body goes through
    /// <see cref="Bench.Codec.CardDataMask"/> first, so a capture never holds a full card number even when
    /// the store does. A run with <c>--raw-frames</c> sets it, for the store and the capture alike.
    /// </summary>
    public bool KeepRawFrames { get; init; }

    /// <summary>The host's end of every stream.</summary>
    public CaptureEndPoint Host { get; init; } = new(0x0A00_0101, 5000); // 10.0.1.1:5000

    /// <summary>The first terminal connection's address; each later connection takes the next port, then the next address.</summary>
    public CaptureEndPoint FirstTerminal { get; init; } = new(0x0A00_0002, 49152); // 10.0.0.2:49152
}
