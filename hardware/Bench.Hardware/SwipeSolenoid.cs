using System.Device.Gpio;

namespace Bench.Hardware;

/// <summary>
/// The solenoid that pushes the test card through the terminal's reader. One <see cref="SwipeAsync"/> is one
/// stroke: the coil is energized for the dwell time, then released; strokes closer together than the
/// minimum re-arm time wait it out, because a coil fired again too soon overheats and the return spring
/// has not brought the card back.
/// </summary>
public sealed class SwipeSolenoid : IDisposable
{
    private readonly GpioController controller;
    private readonly bool shouldDispose;
    private readonly TimeProvider timeProvider;
    private readonly PinValue energized;
    private readonly PinValue released;
    private readonly SemaphoreSlim oneStrokeAtATime = new(1, 1);

    // Dispose cancels the stroke under way. Neither this nor the semaphore is disposed: a stroke still
    // unwinding after Dispose returned uses both, and neither holds anything that needs freeing.
    private readonly CancellationTokenSource disposal = new();

    // Orders coil writes against Dispose, so nothing is written to the pin once it is closed.
    private readonly Lock coil = new();
    private long? lastPulseEndTimestamp;
    private bool isEnergized;
    private bool disposed;

    /// <summary>Opens <paramref name="pin"/> as an output with the coil released.</summary>
    /// <param name="controller">The controller the pin belongs to.</param>
    /// <param name="pin">The coil driver's GPIO.</param>
    /// <param name="dwell">How long each stroke keeps the coil energized.</param>
    /// <param name="minimumRearm">Least time from one pulse's end to the next pulse's start.</param>
    /// <param name="timeProvider">Clock for the dwell and re-arm delays and the pulse timestamps.</param>
    /// <param name="activeHigh">True when a high level energizes the coil.</param>
    /// <param name="shouldDispose">True to dispose <paramref name="controller"/> with this device.</param>
    public SwipeSolenoid(
        GpioController controller,
        int pin,
        TimeSpan dwell,
        TimeSpan minimumRearm,
        TimeProvider timeProvider,
        bool activeHigh = true,
        bool shouldDispose = false)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(dwell, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumRearm, TimeSpan.Zero);

        this.controller = controller;
        this.shouldDispose = shouldDispose;
        this.timeProvider = timeProvider;
        Pin = pin;
        Dwell = dwell;
        MinimumRearm = minimumRearm;
        energized = activeHigh ? PinValue.High : PinValue.Low;
        released = activeHigh ? PinValue.Low : PinValue.High;

        try
        {
            // Opening with the initial value avoids a glitch pulse while the pin switches to output.
            controller.OpenPin(pin, PinMode.Output, released);
        }
        catch
        {
            PinCleanup.CloseAfterFailedOpen(controller, [], shouldDispose);
            throw;
        }
    }

    /// <summary>Creates the solenoid described by a rig definition.</summary>
    public SwipeSolenoid(GpioController controller, SolenoidDefinition definition, TimeProvider timeProvider, bool shouldDispose = false)
        : this(
            controller,
            (definition ?? throw new ArgumentNullException(nameof(definition))).Pin,
            definition.Dwell,
            definition.MinimumRearm,
            timeProvider,
            definition.ActiveHigh,
            shouldDispose)
    {
    }

    /// <summary>The coil driver's GPIO.</summary>
    public int Pin { get; }

    /// <summary>How long each stroke keeps the coil energized.</summary>
    public TimeSpan Dwell { get; }

    /// <summary>Least time from one pulse's end to the next pulse's start.</summary>
    public TimeSpan MinimumRearm { get; }

    /// <summary>True while the coil is energized.</summary>
    public bool IsEnergized
    {
        get
        {
            lock (coil) return isEnergized;
        }
    }

    /// <summary>
    /// Performs one stroke: waits out the re-arm time if the previous pulse ended too recently, energizes the
    /// coil for <see cref="Dwell"/>, then releases it. The coil is released on cancellation, on failure and
    /// on <see cref="Dispose"/>, which ends a stroke under way (or waiting its turn) with
    /// <see cref="ObjectDisposedException"/>. Concurrent calls are performed one after the other.
    /// </summary>
    /// <returns>When the coil was energized and released.</returns>
    public async Task<SwipePulse> SwipeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using CancellationTokenSource stroke = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, disposal.Token);
        try
        {
            await oneStrokeAtATime.WaitAsync(stroke.Token).ConfigureAwait(false);
            try
            {
                return await StrokeAsync(stroke.Token).ConfigureAwait(false);
            }
            finally
            {
                oneStrokeAtATime.Release();
            }
        }
        catch (OperationCanceledException) when (disposal.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(SwipeSolenoid), "the solenoid was disposed during the stroke");
        }
    }

    /// <summary>Releases the coil immediately. Safe to call at any time, also when already released or disposed.</summary>
    public void Release()
    {
        lock (coil)
        {
            // Once disposed the pin is closed (the controller maybe too), and Dispose released the coil.
            if (!disposed)
            {
                ReleaseCoil();
            }
        }
    }

    /// <summary>
    /// Releases the coil and closes its pin (and the controller when this device owns it). A stroke under way
    /// ends with <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        lock (coil)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            try
            {
                try
                {
                    // Unlike a relay, a coil left energized burns out: always release it.
                    ReleaseCoil();
                }
                finally
                {
                    controller.ClosePin(Pin);
                }
            }
            finally
            {
                if (shouldDispose)
                {
                    controller.Dispose();
                }
            }
        }

        // Outside the lock: the stroke's continuation may run right here and take the lock to release.
        disposal.Cancel();
    }

    // Called with the semaphore held: one stroke at a time.
    private async Task<SwipePulse> StrokeAsync(CancellationToken cancellationToken)
    {
        long? lastEnd;
        lock (coil) lastEnd = lastPulseEndTimestamp;
        if (lastEnd is long end)
        {
            TimeSpan remaining = MinimumRearm - timeProvider.GetElapsedTime(end);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }

        long start;
        try
        {
            start = Energize();
            await Task.Delay(Dwell, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release();
        }

        lock (coil) return new SwipePulse(start, lastPulseEndTimestamp!.Value);
    }

    private long Energize()
    {
        lock (coil)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            controller.Write(Pin, energized);
            isEnergized = true;
            return timeProvider.GetTimestamp();
        }
    }

    // Called under the coil lock.
    private void ReleaseCoil()
    {
        controller.Write(Pin, released);
        if (isEnergized)
        {
            isEnergized = false;

            // Even a cut-short pulse heated the coil and moved the card: the re-arm time applies.
            lastPulseEndTimestamp = timeProvider.GetTimestamp();
        }
    }
}
