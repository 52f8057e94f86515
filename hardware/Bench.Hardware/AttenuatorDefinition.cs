namespace Bench.Hardware;

/// <summary>
/// A serial-mode digital step attenuator (e.g. PE4302: 6 bits, 0.5 dB steps, 0–31.5 dB), bit-banged
/// over clock, data and latch-enable pins.
/// </summary>
public sealed record AttenuatorDefinition
{
    /// <summary>GPIO for the serial clock; data is sampled on its rising edge.</summary>
    public required int ClockPin { get; init; }

    /// <summary>GPIO for the serial data, most significant bit first.</summary>
    public required int DataPin { get; init; }

    /// <summary>GPIO for latch enable; its rising edge moves the shift register to the attenuator.</summary>
    public required int LatchPin { get; init; }

    /// <summary>Width of the control word.</summary>
    public int Bits { get; init; } = 6;

    /// <summary>Attenuation of the least significant bit.</summary>
    public double StepDecibels { get; init; } = 0.5;

    /// <summary>The largest settable attenuation: every bit set.</summary>
    public double MaximumDecibels => ((1 << Bits) - 1) * StepDecibels;
}
