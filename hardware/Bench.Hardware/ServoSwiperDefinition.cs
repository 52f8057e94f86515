namespace Bench.Hardware;

/// <summary>
/// The servo swiper: which PCA9685 channel drives it, the servo's calibration, and its stroke. The arm rests at
/// <see cref="RestAngle"/>; a swipe sweeps it to <see cref="EndAngle"/> in <see cref="StrokeTime"/>, carrying
/// the card through the reader, then brings it back in the same time.
/// </summary>
public sealed record ServoSwiperDefinition
{
    /// <summary>The name of the PCA9685 in the rig's <c>i2c.devices</c>.</summary>
    public required string Device { get; init; }

    /// <summary>The PCA9685 output (0–15) the servo's signal wire is on.</summary>
    public int Channel { get; init; }

    /// <summary>The servo's pulse frequency; 50 Hz for hobby servos (PCA9685 prescale 121).</summary>
    public double PwmFrequency { get; init; } = 50;

    /// <summary>The angle the servo reaches at <see cref="MaximumPulseWidthMicroseconds"/>.</summary>
    public double MaximumAngle { get; init; } = 180;

    /// <summary>Pulse width for 0°.</summary>
    public double MinimumPulseWidthMicroseconds { get; init; } = 1000;

    /// <summary>Pulse width for <see cref="MaximumAngle"/>.</summary>
    public double MaximumPulseWidthMicroseconds { get; init; } = 2000;

    /// <summary>Where the arm waits, clear of the reader (the safe state).</summary>
    public double RestAngle { get; init; } = 10;

    /// <summary>Where the stroke ends, past the reader.</summary>
    public double EndAngle { get; init; } = 150;

    /// <summary>How long the stroke from rest to end takes at normal speed; a slow swipe passes a longer one.</summary>
    public TimeSpan StrokeTime { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How often the arm's angle is updated during a stroke: one PWM period (20 ms at 50 Hz) is the finest that matters.</summary>
    public TimeSpan StepInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The stroke's speed in degrees per second at <see cref="StrokeTime"/>.</summary>
    public double DegreesPerSecond => Math.Abs(EndAngle - RestAngle) / StrokeTime.TotalSeconds;

    /// <summary>The pulse width, in microseconds, that puts the servo at <paramref name="angle"/>.</summary>
    public double PulseWidthMicrosecondsAt(double angle) =>
        MinimumPulseWidthMicroseconds + (MaximumPulseWidthMicroseconds - MinimumPulseWidthMicroseconds) * angle / MaximumAngle;

    /// <summary>The angle a pulse of <paramref name="microseconds"/> puts the servo at.</summary>
    public double AngleAt(double microseconds) =>
        (microseconds - MinimumPulseWidthMicroseconds) * MaximumAngle / (MaximumPulseWidthMicroseconds - MinimumPulseWidthMicroseconds);
}
