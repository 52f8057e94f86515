namespace Bench.Hardware;

/// <summary>The media a terminal reaches its host through (DESIGN.md §3a): the profile's <c>link:</c> value.</summary>
public static class LinkKind
{
    /// <summary>Dial-up: a Hayes AT modem over the phone line to the bench's answering modem and NAC.</summary>
    public const string Pstn = "pstn";

    /// <summary>GPRS/4G: a cellular modem behind the SIM-power relay and the RF attenuator.</summary>
    public const string Cellular = "cellular";

    /// <summary>Plain TCP on the bench network.</summary>
    public const string Ethernet = "ethernet";

    public static readonly IReadOnlyList<string> All = [Ethernet, Pstn, Cellular];
}
