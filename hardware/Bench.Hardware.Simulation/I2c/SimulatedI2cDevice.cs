using System.Device.I2c;

namespace Bench.Hardware.Simulation.I2c;

/// <summary>
/// A chip on the simulated I2C bus, answering the transfers the real bindings make as the chip's datasheet says.
/// A write's first byte sets the chip's register pointer and the rest are written from there; a read reads from
/// the pointer. Subclasses hold the register map.
/// </summary>
/// <remarks>
/// Every transfer runs under the chip's lock. <see cref="OutputsChanged"/> is raised after the lock is released, in
/// the thread that wrote, so a listener may read the chip's state (which then is at least as new as the change).
/// Disposing closes this handle, as closing /dev/i2c-N would: the chip keeps its registers and outputs, and the
/// queries the wiring harness uses keep working; only transfers are refused.
/// </remarks>
public abstract class SimulatedI2cDevice : I2cDevice
{
    private readonly I2cConnectionSettings settings;
    private bool disposed;
    private bool responding = true;

    /// <summary>Creates the chip at <paramref name="address"/> on bus <paramref name="busId"/>.</summary>
    protected SimulatedI2cDevice(int busId, int address)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(busId);
        ArgumentOutOfRangeException.ThrowIfNegative(address);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(address, 0x7F);
        settings = new I2cConnectionSettings(busId, address);
    }

    /// <summary>A write changed what the chip puts out on its pins (or measures with).</summary>
    public event EventHandler? OutputsChanged;

    /// <inheritdoc/>
    public override I2cConnectionSettings ConnectionSettings => settings;

    /// <summary>
    /// False makes the chip dead on the bus (unpowered, unplugged, wrong address): every transfer fails with the
    /// <see cref="IOException"/> Linux's I2C driver gives for a missing acknowledge. A fault switch for tests.
    /// </summary>
    public bool IsResponding
    {
        get
        {
            lock (Registers) return responding;
        }

        set
        {
            lock (Registers) responding = value;
        }
    }

    /// <summary>The lock every transfer and query runs under.</summary>
    protected Lock Registers { get; } = new();

    /// <inheritdoc/>
    public override void Read(Span<byte> buffer)
    {
        lock (Registers)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            ThrowUnlessResponding();
            ReadRegisters(buffer);
        }
    }

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        bool changed;
        lock (Registers)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            ThrowUnlessResponding();
            if (buffer.IsEmpty)
            {
                // An address-only write (a bus scan's probe): acknowledged, nothing changes.
                return;
            }

            changed = WriteRegisters(buffer[0], buffer[1..]);
        }

        if (changed)
        {
            OutputsChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>A write then a read with a repeated start, as the kernel's I2C_RDWR does.</summary>
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    /// <summary>Sets the register pointer to <paramref name="pointer"/> and writes <paramref name="data"/> from it.</summary>
    /// <returns>True when the chip's outputs (or measurement settings) changed.</returns>
    protected abstract bool WriteRegisters(byte pointer, ReadOnlySpan<byte> data);

    /// <summary>Reads from the register pointer into <paramref name="buffer"/>.</summary>
    protected abstract void ReadRegisters(Span<byte> buffer);

    private void ThrowUnlessResponding()
    {
        if (!responding)
        {
            throw new IOException(
                $"Error 121 performing I2C data transfer: no acknowledge from address 0x{settings.DeviceAddress:X2} on bus {settings.BusId}");
        }
    }

    /// <summary>Closes the handle; the chip keeps its state.</summary>
    protected override void Dispose(bool disposing)
    {
        lock (Registers)
        {
            disposed = true;
        }

        base.Dispose(disposing);
    }
}
