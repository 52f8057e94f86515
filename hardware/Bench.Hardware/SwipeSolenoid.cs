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
    private readonly GpioController _controller;
    private readonly bool _shouldDispose;
    private readonly TimeProvider _timeProvider;
    private readonly PinValue _energized;
    private readonly PinValue _released;
    private readonly SemaphoreSlim _oneStrokeAtATime = new(1, 1);
    private long? _lastPulseEndTimestamp;
    private bool _disposed;

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

        _controller = controller;
        _shouldDispose = shouldDispose;
        _timeProvider = timeProvider;
        Pin = pin;
        Dwell = dwell;
        MinimumRearm = minimumRearm;
        _energized = activeHigh ? PinValue.High : PinValue.Low;
        _released = activeHigh ? PinValue.Low : PinValue.High;

        // Opening with the initial value avoids a glitch pulse while the pin switches to output.
        _controller.OpenPin(pin, PinMode.Output, _released);
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
    public bool IsEnergized { get; private set; }

    /// <summary>
    /// Performs one stroke: waits out the re-arm time if the previous pulse ended too recently, energizes the
    /// coil for <see cref="Dwell"/>, then releases it. The coil is released on cancellation and on failure.
    /// Concurrent calls are performed one after the other.
    /// </summary>
    /// <returns>When the coil was energized and released.</returns>
    public async Task<SwipePulse> SwipeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _oneStrokeAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_lastPulseEndTimestamp is long lastEnd)
            {
                TimeSpan remaining = MinimumRearm - _timeProvider.GetElapsedTime(lastEnd);
                if (remaining > TimeSpan.Zero)
                {
                    await Task.Delay(remaining, _timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }

            long start;
            try
            {
                _controller.Write(Pin, _energized);
                IsEnergized = true;
                start = _timeProvider.GetTimestamp();
                await Task.Delay(Dwell, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Release();
            }

            return new SwipePulse(start, _lastPulseEndTimestamp!.Value);
        }
        finally
        {
            _oneStrokeAtATime.Release();
        }
    }

    /// <summary>Releases the coil immediately. Safe to call at any time, also when already released.</summary>
    public void Release()
    {
        if (!_controller.IsPinOpen(Pin))
        {
            // Disposed while a stroke was running: Dispose already released the coil.
            return;
        }

        _controller.Write(Pin, _released);
        bool wasEnergized = IsEnergized;
        IsEnergized = false;
        if (wasEnergized)
        {
            // Even a cut-short pulse heated the coil and moved the card: the re-arm time applies.
            _lastPulseEndTimestamp = _timeProvider.GetTimestamp();
        }
    }

    /// <summary>Releases the coil and closes its pin (and the controller when this device owns it).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            // Unlike a relay, a coil left energized burns out: always release it.
            Release();
            _controller.ClosePin(Pin);
        }
        finally
        {
            if (_shouldDispose)
            {
                _controller.Dispose();
            }

            _oneStrokeAtATime.Dispose();
        }
    }
}
