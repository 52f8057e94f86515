using System.Net;

namespace Bench.Hardware.Nac;

/// <summary>
/// Where the NAC sends a frame: by the TPDU destination (bytes 1–2 of the TPDU, e.g. <c>60 00 03 00 00</c>
/// → <c>0x0003</c>), else to the default route, if there is one.
/// </summary>
public sealed record TpduRoutingTable(IReadOnlyDictionary<ushort, EndPoint> Routes, EndPoint? DefaultRoute = null)
{
    /// <summary>Every destination to one host.</summary>
    public static TpduRoutingTable To(EndPoint host) => new(new Dictionary<ushort, EndPoint>(), host);

    /// <summary>The host for <paramref name="destination"/>, or null when neither a route nor a default exists.</summary>
    public EndPoint? Resolve(ushort destination) => Routes.GetValueOrDefault(destination) ?? DefaultRoute;
}
