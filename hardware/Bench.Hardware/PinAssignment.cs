namespace Bench.Hardware;

/// <summary>One GPIO a rig uses and what for, e.g. (17, "phone line relay").</summary>
/// <param name="Pin">The BCM GPIO number, or the expander's pin number (0–15) when <paramref name="Expander"/> is set.</param>
/// <param name="Use">What the pin does, for messages.</param>
/// <param name="Expander">The I/O expander the pin is on, or null for the Pi's own header.</param>
public sealed record PinAssignment(int Pin, string Use, string? Expander = null)
{
    /// <summary>"GPIO 17" or "expander 'relays' pin 3": where the pin is, for messages.</summary>
    public string Where => Expander is null ? $"GPIO {Pin}" : $"expander '{Expander}' pin {Pin}";
}
