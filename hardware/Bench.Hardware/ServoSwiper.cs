using System.Device.Pwm;
using Iot.Device.ServoMotor;

namespace Bench.Hardware;

/// <summary>
/// A hobby servo that sweeps the test card through the reader, driven by Iot.Device.Bindings'
/// <see cref="ServoMotor"/> on one PWM channel (a PCA9685 output on the reference rig). A swipe sweeps the arm
/// from the rest angle to the end angle in small steps over the stroke time, then back: the stroke time sets the
/// card's speed through the reader, so a longer one is a slow swipe.
/// </summary>
/// <remarks>
/// Ownership as in the dotnet/iot bindings: the caller owns <c>channel</c> unless <c>shouldDispose</c> is true.
/// The arm is sent to rest on cancellation, on failure and on dispose; a disposed swiper leaves the PWM channel's
/// last pulse (rest) running, so the servo holds the arm clear of the reader.
/// </remarks>
public sealed class ServoSwiper : IDisposable
{
    private readonly PwmChannel channel;
    private readonly ServoMotor servo;
    private readonly bool shouldDispose;
    private readonly TimeProvider timeProvider;
    private readonly SemaphoreSlim oneStrokeAtATime = new(1, 1);
    private readonly CancellationTokenSource disposal = new();

    // Orders angle writes against Dispose, so nothing is written once the channel may be gone.
    private readonly Lock arm = new();
    private double angle;
    private bool disposed;

    /// <summary>Starts the servo's pulses and moves the arm to rest.</summary>
    /// <param name="channel">The PWM channel the servo's signal wire is on; its frequency must be the servo's (50 Hz).</param>
    /// <param name="definition">Calibration and stroke.</param>
    /// <param name="timeProvider">Clock for the stroke's steps.</param>
    /// <param name="shouldDispose">True to dispose <paramref name="channel"/> with this device.</param>
    public ServoSwiper(PwmChannel channel, ServoSwiperDefinition definition, TimeProvider timeProvider, bool shouldDispose = false)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(definition.StrokeTime, TimeSpan.Zero, nameof(definition));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(definition.StepInterval, TimeSpan.Zero, nameof(definition));
        CheckAngle(definition, definition.RestAngle);
        CheckAngle(definition, definition.EndAngle);
        this.channel = channel;
        this.shouldDispose = shouldDispose;
        this.timeProvider = timeProvider;
        Definition = definition;
        servo = new ServoMotor(
            channel, definition.MaximumAngle, definition.MinimumPulseWidthMicroseconds, definition.MaximumPulseWidthMicroseconds);
        try
        {
            // Pulse width before start: the first pulses out already hold the arm at rest.
            Write(definition.RestAngle);
            servo.Start();
        }
        catch
        {
            if (shouldDispose)
            {
                servo.Dispose();
            }

            throw;
        }
    }

    /// <summary>Calibration and stroke.</summary>
    public ServoSwiperDefinition Definition { get; }

    /// <summary>The angle last commanded.</summary>
    public double Angle
    {
        get
        {
            lock (arm) return angle;
        }
    }

    /// <summary>Sweeps the card through the reader at the normal stroke time.</summary>
    public Task<SwipePulse> SwipeAsync(CancellationToken cancellationToken = default) =>
        SwipeAsync(Definition.StrokeTime, cancellationToken);

    /// <summary>
    /// Sweeps the arm from rest to the end angle over <paramref name="strokeTime"/> (longer than the definition's
    /// for a slow swipe), then back to rest at the normal stroke time. Concurrent calls run one after the other.
    /// </summary>
    /// <returns>When the forward stroke started and when it reached the end angle.</returns>
    /// <exception cref="ObjectDisposedException">The swiper was disposed, also during the stroke.</exception>
    public async Task<SwipePulse> SwipeAsync(TimeSpan strokeTime, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(strokeTime, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(disposed, this);
        using CancellationTokenSource stroke = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, disposal.Token);
        try
        {
            await oneStrokeAtATime.WaitAsync(stroke.Token).ConfigureAwait(false);
            try
            {
                long start = timeProvider.GetTimestamp();
                await SweepAsync(Definition.RestAngle, Definition.EndAngle, strokeTime, stroke.Token).ConfigureAwait(false);
                long end = timeProvider.GetTimestamp();
                await SweepAsync(Definition.EndAngle, Definition.RestAngle, Definition.StrokeTime, stroke.Token).ConfigureAwait(false);
                return new SwipePulse(start, end);
            }
            finally
            {
                ReturnToRest();
                oneStrokeAtATime.Release();
            }
        }
        catch (OperationCanceledException) when (disposal.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(ServoSwiper), "the servo swiper was disposed during the stroke");
        }
    }

    /// <summary>Sends the arm to rest at once. Safe at any time, also when disposed (then it does nothing).</summary>
    public void ReturnToRest()
    {
        lock (arm)
        {
            if (!disposed)
            {
                WriteUnderLock(Definition.RestAngle);
            }
        }
    }

    /// <summary>The pulse width the PWM channel is putting out now, read back from the channel (the PCA9685's registers).</summary>
    public double ReadPulseWidthMicroseconds()
    {
        lock (arm)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return channel.DutyCycle / channel.Frequency * 1_000_000;
        }
    }

    /// <summary>Sends the arm to rest and, when this device owns it, disposes the channel; a stroke under way ends.</summary>
    public void Dispose()
    {
        lock (arm)
        {
            if (disposed)
            {
                return;
            }

            try
            {
                WriteUnderLock(Definition.RestAngle);
            }
            finally
            {
                disposed = true;
                if (shouldDispose)
                {
                    servo.Dispose();
                }
            }
        }

        disposal.Cancel();
    }

    private static void CheckAngle(ServoSwiperDefinition definition, double value)
    {
        if (value < 0 || value > definition.MaximumAngle)
        {
            throw new ArgumentOutOfRangeException(
                nameof(definition), value, $"servo angles must be between 0 and the servo's maximum angle {definition.MaximumAngle}");
        }
    }

    private async Task SweepAsync(double from, double to, TimeSpan duration, CancellationToken cancellationToken)
    {
        int steps = Math.Max(1, (int)Math.Ceiling(duration / Definition.StepInterval));
        long start = timeProvider.GetTimestamp();
        for (int i = 1; i <= steps; i++)
        {
            // Each step is due at its place in the stroke, not a step after the last one: late timers do not add up
            // to a slower card than asked for.
            TimeSpan due = duration * i / steps - timeProvider.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Write(from + (to - from) * i / steps);
        }
    }

    private void Write(double target)
    {
        lock (arm)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            WriteUnderLock(target);
        }
    }

    private void WriteUnderLock(double target)
    {
        servo.WriteAngle(target);
        angle = target;
    }
}
