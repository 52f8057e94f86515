namespace Bench.Hardware;

/// <summary>A cellular terminal's radio configuration (profile key <c>cellular:</c>). Durations are terminal time.</summary>
public sealed record CellularSettings
{
    /// <summary>Registration and data attach after SIM power returns (or at power-on).</summary>
    public TimeSpan AttachTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>RSRP at the antenna with the attenuator at 0 dB; the signal is this minus the attenuation.</summary>
    public double BaseRsrpDbm { get; init; } = -70;
}
