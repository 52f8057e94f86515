using System.Device.I2c;
using Iot.Device.Adc;

namespace Bench.Hardware;

/// <summary>
/// The INA219 on the terminal's supply, driven by Iot.Device.Bindings' <see cref="Ina219"/>: it proves the
/// terminal is off after a power cut and on after the restore (the power relay's read-back through the load
/// itself, which catches welded contacts that an auxiliary sense contact misses) and, sampled at an interval
/// (<see cref="StartSampling"/>), shows the modem's transmit bursts on the timeline.
/// </summary>
/// <remarks>
/// Ownership as in the dotnet/iot bindings: the caller owns <c>device</c> unless <c>shouldDispose</c> is true.
/// </remarks>
public sealed class SupplyCurrentMonitor : IDisposable
{
    private readonly I2cDevice device;
    private readonly Ina219 monitor;
    private readonly bool shouldDispose;
    private readonly TimeProvider timeProvider;

    // The binding is one register pointer on one bus: one reading at a time, timer or caller.
    private readonly Lock bus = new();
    private ITimer? sampler;
    private bool disposed;

    /// <summary>Resets the INA219 and programs its calibration for the definition's shunt and current LSB.</summary>
    /// <param name="device">The INA219's I2C device (address 0x40–0x4F).</param>
    /// <param name="definition">Shunt, calibration, sampling and thresholds.</param>
    /// <param name="timeProvider">Clock for the sampling interval and the sample timestamps.</param>
    /// <param name="shouldDispose">True to dispose <paramref name="device"/> with this device.</param>
    public SupplyCurrentMonitor(I2cDevice device, SupplyCurrentDefinition definition, TimeProvider timeProvider, bool shouldDispose = false)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.device = device;
        this.shouldDispose = shouldDispose;
        this.timeProvider = timeProvider;
        Definition = definition;
        try
        {
            monitor = new Ina219(device);
            monitor.Reset();
            // A terminal supply is at most 24 V and a few amperes: 32 V bus range, ±320 mV shunt range, continuous.
            monitor.BusVoltageRange = Ina219BusVoltageRange.Range32v;
            monitor.PgaSensitivity = Ina219PgaSensitivity.PlusOrMinus320mv;
            monitor.OperatingMode = Ina219OperatingMode.ShuntAndBusContinuous;
            monitor.SetCalibration(definition.Calibration, (float)(definition.CurrentLsbMilliamperes / 1000));
        }
        catch
        {
            if (shouldDispose)
            {
                device.Dispose();
            }

            throw;
        }
    }

    /// <summary>A sample taken by <see cref="StartSampling"/>'s timer (on a timer thread).</summary>
    public event EventHandler<SupplyCurrentSample>? Sampled;

    /// <summary>
    /// A reading a caller took with <see cref="Read"/> (the power relay's read-back, a rig check), raised on the
    /// caller's thread once the reading is done; the timer's samples are <see cref="Sampled"/> only.
    /// </summary>
    public event EventHandler<SupplyCurrentSample>? Measured;

    /// <summary>Shunt, calibration, sampling and thresholds.</summary>
    public SupplyCurrentDefinition Definition { get; }

    /// <summary>Reads the supply current and voltage now, and raises <see cref="Measured"/> with the reading.</summary>
    public SupplyCurrentSample Read()
    {
        SupplyCurrentSample sample = ReadChip();
        Measured?.Invoke(this, sample);
        return sample;
    }

    /// <summary>
    /// Samples the supply every <see cref="SupplyCurrentDefinition.SampleInterval"/> and raises
    /// <see cref="Sampled"/>, until <see cref="StopSampling"/> or dispose. A failed reading is skipped.
    /// </summary>
    public void StartSampling()
    {
        lock (bus)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            sampler ??= timeProvider.CreateTimer(_ => Sample(), null, Definition.SampleInterval, Definition.SampleInterval);
        }
    }

    /// <summary>Stops the sampling that <see cref="StartSampling"/> started.</summary>
    public void StopSampling()
    {
        lock (bus)
        {
            sampler?.Dispose();
            sampler = null;
        }
    }

    /// <summary>Stops sampling, and disposes the I2C device when this device owns it.</summary>
    public void Dispose()
    {
        lock (bus)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            sampler?.Dispose();
            sampler = null;
            monitor.Dispose();
            if (shouldDispose)
            {
                device.Dispose();
            }
        }
    }

    private SupplyCurrentSample ReadChip()
    {
        lock (bus)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            double milliamperes = monitor.ReadCurrent().Milliamperes;
            double volts = monitor.ReadBusVoltage().Volts;
            return new SupplyCurrentSample(timeProvider.GetTimestamp(), milliamperes, volts);
        }
    }

    private void Sample()
    {
        SupplyCurrentSample sample;
        try
        {
            sample = ReadChip();
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // One lost reading on a busy bus is not worth stopping the timeline for; the next one comes soon.
            return;
        }

        Sampled?.Invoke(this, sample);
    }
}
