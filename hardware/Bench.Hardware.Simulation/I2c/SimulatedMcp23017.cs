using System.Device.Gpio;

namespace Bench.Hardware.Simulation.I2c;

/// <summary>
/// A Microchip MCP23017 16-bit I/O expander at the register level (datasheet DS20001952C), in its power-on
/// register layout IOCON.BANK = 0: IODIRA/B 0x00/0x01, IPOLA/B, GPINTENA/B, DEFVALA/B, INTCONA/B, IOCON 0x0A/0x0B,
/// GPPUA/B 0x0C/0x0D, INTFA/B, INTCAPA/B, GPIOA/B 0x12/0x13, OLATA/B 0x14/0x15. Pins 0–7 are GPA0–7, 8–15 GPB0–7.
/// </summary>
/// <remarks>
/// Modelled as the datasheet says: power-on values (every pin an input, IODIR 0xFF); the address pointer
/// increments after each byte (0x15 wraps to 0x00) unless IOCON.SEQOP is set, when it toggles within the A/B pair;
/// a GPIO write goes to the output latch; a GPIO read gives the latch for outputs and the pin's level for inputs
/// (inverted where IPOL is set): driven from outside, else high when GPPU's 100 kΩ pull-up is on, else low (a
/// floating input is read as low here). Not modelled: interrupt-on-change (INTF and INTCAP read 0; the rig polls
/// its inputs), IOCON.BANK = 1 (refused with <see cref="NotSupportedException"/>).
/// </remarks>
public sealed class SimulatedMcp23017 : SimulatedI2cDevice
{
    private const int Iodir = 0x00;
    private const int Ipol = 0x02;
    private const int Iocon = 0x0A;
    private const int Gppu = 0x0C;
    private const int Intf = 0x0E;
    private const int Intcap = 0x10;
    private const int Gpio = 0x12;
    private const int Olat = 0x14;
    private const int RegisterCount = 0x16;
    private const byte Bank = 0x80;
    private const byte SequentialOperationDisabled = 0x20;

    private readonly byte[] registers = new byte[RegisterCount];
    private readonly PinValue?[] external = new PinValue?[16];
    private int pointer;

    /// <summary>Creates the chip in its power-on state.</summary>
    public SimulatedMcp23017(int busId = 1, int address = 0x20)
        : base(busId, address)
    {
        registers[Iodir] = 0xFF;
        registers[Iodir + 1] = 0xFF;
    }

    /// <summary>One register's value as a read of it would return.</summary>
    public byte ReadRegister(int address)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(address);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(address, RegisterCount);
        lock (Registers) return Value(address);
    }

    /// <summary>The level <paramref name="pin"/> drives, or null while it is an input.</summary>
    public PinValue? OutputLevel(int pin)
    {
        CheckPin(pin);
        lock (Registers)
        {
            (int port, int bit) = Locate(pin);
            return (registers[Iodir + port] & bit) != 0 ? null : (registers[Olat + port] & bit) != 0 ? PinValue.High : PinValue.Low;
        }
    }

    /// <summary>Drives an input from outside (a sense contact), overriding the pull-up.</summary>
    public void DriveInput(int pin, PinValue level)
    {
        CheckPin(pin);
        lock (Registers) external[pin] = level;
    }

    /// <summary>Stops driving an input from outside; it reads its pull-up (or low) again.</summary>
    public void ReleaseInput(int pin)
    {
        CheckPin(pin);
        lock (Registers) external[pin] = null;
    }

    /// <inheritdoc/>
    protected override bool WriteRegisters(byte pointer, ReadOnlySpan<byte> data)
    {
        this.pointer = pointer;
        bool changed = false;
        foreach (byte value in data)
        {
            changed |= Store(this.pointer, value);
            Advance();
        }

        return changed;
    }

    /// <inheritdoc/>
    protected override void ReadRegisters(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = Value(pointer);
            Advance();
        }
    }

    private static void CheckPin(int pin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pin, 15);
    }

    private static (int Port, int Bit) Locate(int pin) => (pin / 8, 1 << (pin % 8));

    private byte Value(int address)
    {
        if (address >= RegisterCount)
        {
            return 0;
        }

        int port = address & 1;
        return (address & ~1) switch
        {
            Gpio => PortLevels(port),
            Intf or Intcap => 0,
            _ => registers[address],
        };
    }

    private byte PortLevels(int port)
    {
        int levels = 0;
        for (int bit = 0; bit < 8; bit++)
        {
            int mask = 1 << bit;
            bool high;
            if ((registers[Iodir + port] & mask) == 0)
            {
                high = (registers[Olat + port] & mask) != 0;
            }
            else
            {
                bool level = external[(port * 8) + bit] is PinValue driven ? driven == PinValue.High : (registers[Gppu + port] & mask) != 0;
                high = level ^ ((registers[Ipol + port] & mask) != 0);
            }

            levels |= high ? mask : 0;
        }

        return (byte)levels;
    }

    // Returns true when the pins' outputs changed.
    private bool Store(int address, byte value)
    {
        if (address >= RegisterCount)
        {
            return false;
        }

        int port = address & 1;
        switch (address & ~1)
        {
            case Iocon:
                if ((value & Bank) != 0)
                {
                    throw new NotSupportedException("the simulated MCP23017 models the IOCON.BANK = 0 register layout only");
                }

                // IOCON is one register at both addresses.
                registers[Iocon] = registers[Iocon + 1] = value;
                return false;
            case Intf or Intcap:
                // Read-only.
                return false;
            case Gpio or Olat:
                bool latchChanged = registers[Olat + port] != value;
                registers[Olat + port] = value;
                return latchChanged;
            case Iodir:
                bool directionChanged = registers[address] != value;
                registers[address] = value;
                return directionChanged;
            default:
                registers[address] = value;
                return false;
        }
    }

    private void Advance()
    {
        if ((registers[Iocon] & SequentialOperationDisabled) != 0)
        {
            // Byte mode with BANK = 0: the pointer toggles between the A and B register of a pair.
            pointer ^= 1;
            return;
        }

        pointer = (pointer + 1) % RegisterCount;
    }
}
