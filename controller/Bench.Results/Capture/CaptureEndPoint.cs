using System.Net;

namespace Bench.Results.Capture;

/// <summary>An IPv4 address (host order) and TCP port of a synthesized stream's end.</summary>
public readonly record struct CaptureEndPoint(uint Address, ushort Port)
{
    public override string ToString() =>
        $"{new IPAddress([(byte)(Address >> 24), (byte)(Address >> 16), (byte)(Address >> 8), (byte)Address])}:{Port}";
}
