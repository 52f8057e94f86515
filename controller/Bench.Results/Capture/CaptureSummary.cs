namespace Bench.Results.Capture;

/// <summary>What a capture file holds.</summary>
/// <param name="Connections">TCP streams: one per terminal connection.</param>
/// <param name="Frames">Frames, each one data segment (or more when longer than one packet carries).</param>
/// <param name="Packets">Every packet: handshakes, data, closes.</param>
/// <param name="CardDataMasked">True when the bodies went through the card-data mask.</param>
public sealed record CaptureSummary(string Path, int Connections, int Frames, long Packets, bool CardDataMasked);
