using System.Device.Gpio;

namespace Bench.Hardware;

/// <summary>
/// A digital step attenuator in serial mode (e.g. PE4302: 6 bits of 0.5 dB, 0–31.5 dB). The control word is
/// shifted in most significant bit first, each bit sampled on the clock's rising edge, and takes effect on
/// the rising edge of latch enable. GPIO writes from .NET take microseconds, far longer than the chip's
/// nanosecond set-up and hold times, so no explicit delays are needed.
/// </summary>
public sealed class StepAttenuator : IDisposable
{
    private readonly GpioController controller;
    private readonly bool shouldDispose;
    private readonly Lock oneWordAtATime = new();
    private readonly AttenuatorDefinition wiring;
    private bool disposed;

    /// <summary>Opens the three pins as outputs, all low, without changing the attenuation.</summary>
    /// <param name="controller">The controller the pins belong to.</param>
    /// <param name="clockPin">Serial clock GPIO.</param>
    /// <param name="dataPin">Serial data GPIO.</param>
    /// <param name="latchPin">Latch enable GPIO.</param>
    /// <param name="bits">Width of the control word (6 for the PE4302).</param>
    /// <param name="stepDecibels">Attenuation of the least significant bit (0.5 dB for the PE4302).</param>
    /// <param name="shouldDispose">True to dispose <paramref name="controller"/> with this device.</param>
    public StepAttenuator(
        GpioController controller,
        int clockPin,
        int dataPin,
        int latchPin,
        int bits = 6,
        double stepDecibels = 0.5,
        bool shouldDispose = false)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 16);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stepDecibels, 0);

        this.controller = controller;
        this.shouldDispose = shouldDispose;
        ClockPin = clockPin;
        DataPin = dataPin;
        LatchPin = latchPin;
        Bits = bits;
        StepDecibels = stepDecibels;
        wiring = new AttenuatorDefinition { ClockPin = clockPin, DataPin = dataPin, LatchPin = latchPin, Bits = bits, StepDecibels = stepDecibels };

        List<int> opened = [];
        try
        {
            foreach (int pin in (int[])[clockPin, dataPin, latchPin])
            {
                controller.OpenPin(pin, PinMode.Output, PinValue.Low);
                opened.Add(pin);
            }
        }
        catch
        {
            // Nobody gets a half-built attenuator to dispose: close what it opened, or the pins stay taken.
            PinCleanup.CloseAfterFailedOpen(controller, opened, shouldDispose);
            throw;
        }
    }

    /// <summary>Creates the attenuator described by a rig definition.</summary>
    public StepAttenuator(GpioController controller, AttenuatorDefinition definition, bool shouldDispose = false)
        : this(
            controller,
            (definition ?? throw new ArgumentNullException(nameof(definition))).ClockPin,
            definition.DataPin,
            definition.LatchPin,
            definition.Bits,
            definition.StepDecibels,
            shouldDispose)
    {
    }

    /// <summary>Serial clock GPIO.</summary>
    public int ClockPin { get; }

    /// <summary>Serial data GPIO.</summary>
    public int DataPin { get; }

    /// <summary>Latch enable GPIO.</summary>
    public int LatchPin { get; }

    /// <summary>Width of the control word.</summary>
    public int Bits { get; }

    /// <summary>Attenuation of the least significant bit.</summary>
    public double StepDecibels { get; }

    /// <summary>The largest settable attenuation: every bit set (computed once, by <see cref="AttenuatorDefinition"/>).</summary>
    public double MaximumDecibels => wiring.MaximumDecibels;

    /// <summary>The attenuation last written, or null before the first write (the chip's power-up state is unknown).</summary>
    public double? Decibels { get; private set; }

    /// <summary>Writes a new attenuation.</summary>
    /// <param name="decibels">0 to <see cref="MaximumDecibels"/>, a whole number of <see cref="StepDecibels"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">Outside the range or between steps.</exception>
    public void SetAttenuation(double decibels)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        int word = ToControlWord(decibels);

        // Two interleaved words would latch garbage.
        using Lock.Scope scope = oneWordAtATime.EnterScope();
        controller.Write(LatchPin, PinValue.Low);
        for (int bit = Bits - 1; bit >= 0; bit--)
        {
            controller.Write(DataPin, ((word >> bit) & 1) == 1 ? PinValue.High : PinValue.Low);
            controller.Write(ClockPin, PinValue.High);
            controller.Write(ClockPin, PinValue.Low);
        }

        controller.Write(LatchPin, PinValue.High);
        controller.Write(LatchPin, PinValue.Low);
        controller.Write(DataPin, PinValue.Low);
        Decibels = word * StepDecibels;
    }

    /// <summary>The control word for <paramref name="decibels"/>, after checking it is settable.</summary>
    public int ToControlWord(double decibels)
    {
        if (!double.IsFinite(decibels) || decibels < 0 || decibels > MaximumDecibels + (StepDecibels * 1e-6))
        {
            throw new ArgumentOutOfRangeException(
                nameof(decibels), decibels, $"attenuation must be between 0 and {MaximumDecibels} dB");
        }

        double steps = decibels / StepDecibels;
        int word = (int)Math.Round(steps);
        if (Math.Abs(steps - word) > 1e-6)
        {
            throw new ArgumentOutOfRangeException(
                nameof(decibels), decibels, $"attenuation must be a multiple of {StepDecibels} dB");
        }

        return word;
    }

    /// <summary>
    /// Closes the pins (and the controller when this device owns it). The chip keeps the attenuation last
    /// latched while it has power; the released clock and latch lines fall to their pull-downs and clock nothing.
    /// </summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            controller.ClosePin(ClockPin);
            controller.ClosePin(DataPin);
            controller.ClosePin(LatchPin);
        }
        finally
        {
            if (shouldDispose)
            {
                controller.Dispose();
            }
        }
    }
}
