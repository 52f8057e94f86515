namespace Bench.Hardware.Simulation.I2c;

/// <summary>
/// An NXP PCA9685 16-channel, 12-bit PWM driver at the register level (datasheet rev. 4): MODE1/MODE2, the
/// sub-addresses, LEDn_ON/OFF (4 bytes a channel from 0x06), ALL_LED_ON/OFF (0xFA–0xFD), PRESCALE (0xFE) on the
/// 25 MHz internal oscillator.
/// </summary>
/// <remarks>
/// Modelled as the datasheet says: power-on values (MODE1 0x11 asleep, MODE2 0x04, every LEDn full off, PRESCALE
/// 0x1E = 200 Hz); auto-increment when MODE1.AI is set (0x00–0x45 then back to 0x00; 0xFA–0xFF then 0x00);
/// PRESCALE writable only while asleep, values below 3 read as 3; ALL_LED writes reach every channel and read back 0;
/// the full-on/full-off bits (bit 4 of LEDn_ON_H/OFF_H, off winning); no output while asleep. Not modelled: the
/// external clock, the sub-address and all-call responses, MODE1.RESTART, output-change-on-ACK (MODE2.OCH).
/// </remarks>
public sealed class SimulatedPca9685 : SimulatedI2cDevice
{
    /// <summary>The internal oscillator's frequency.</summary>
    public const double OscillatorHertz = 25_000_000;

    private const int Mode1 = 0x00;
    private const int Mode2 = 0x01;
    private const int Led0OnLow = 0x06;
    private const int LastLedRegister = 0x45;
    private const int AllLedOnLow = 0xFA;
    private const int AllLedOffHigh = 0xFD;
    private const int Prescale = 0xFE;
    private const byte Sleep = 0x10;
    private const byte AutoIncrement = 0x20;
    private const byte FullBit = 0x10;

    private readonly byte[] registers = new byte[256];
    private int pointer;

    /// <summary>Creates the chip in its power-on state.</summary>
    public SimulatedPca9685(int busId = 1, int address = 0x40)
        : base(busId, address)
    {
        registers[Mode1] = 0x11;
        registers[Mode2] = 0x04;
        registers[0x02] = 0xE2;
        registers[0x03] = 0xE4;
        registers[0x04] = 0xE8;
        registers[0x05] = 0xE0;
        for (int channel = 0; channel < 16; channel++)
        {
            registers[Led0OnLow + (4 * channel) + 3] = FullBit;
        }

        registers[Prescale] = 0x1E;
    }

    /// <summary>The PRESCALE register.</summary>
    public int PrescaleValue
    {
        get
        {
            lock (Registers) return registers[Prescale];
        }
    }

    /// <summary>True while MODE1.SLEEP is set: the oscillator is off and no channel puts out pulses.</summary>
    public bool IsAsleep
    {
        get
        {
            lock (Registers) return (registers[Mode1] & Sleep) != 0;
        }
    }

    /// <summary>The PWM period the prescaler gives: (PRESCALE + 1) × 4096 oscillator cycles.</summary>
    public TimeSpan Period
    {
        get
        {
            lock (Registers) return PeriodUnderLock();
        }
    }

    /// <summary>One register's value as a read of it would return.</summary>
    public byte ReadRegister(int address)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(address);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(address, 0xFF);
        lock (Registers) return Value(address);
    }

    /// <summary>The high time of <paramref name="channel"/>'s pulses (0 when full off or asleep, the whole period when full on).</summary>
    public TimeSpan PulseWidth(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channel, 15);
        lock (Registers)
        {
            if ((registers[Mode1] & Sleep) != 0)
            {
                return TimeSpan.Zero;
            }

            int baseRegister = Led0OnLow + (4 * channel);
            int on = registers[baseRegister] | (registers[baseRegister + 1] << 8);
            int off = registers[baseRegister + 2] | (registers[baseRegister + 3] << 8);
            if ((off & 0x1000) != 0)
            {
                return TimeSpan.Zero;
            }

            if ((on & 0x1000) != 0)
            {
                return PeriodUnderLock();
            }

            // The counter runs 0–4095; the output goes high at ON and low at OFF, wrapping round the period.
            int counts = ((off & 0xFFF) - (on & 0xFFF) + 4096) % 4096;
            return PeriodUnderLock() * counts / 4096;
        }
    }

    /// <inheritdoc/>
    protected override bool WriteRegisters(byte pointer, ReadOnlySpan<byte> data)
    {
        this.pointer = pointer;
        foreach (byte value in data)
        {
            Store(this.pointer, value);
            Advance();
        }

        return !data.IsEmpty;
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

    private TimeSpan PeriodUnderLock() => TimeSpan.FromSeconds((registers[Prescale] + 1) * 4096 / OscillatorHertz);

    private byte Value(int address) => address switch
    {
        // The ALL_LED registers are write-only: they read back as 0.
        >= AllLedOnLow and <= AllLedOffHigh => 0,
        > LastLedRegister and < AllLedOnLow => 0,
        _ => registers[address],
    };

    private void Store(int address, byte value)
    {
        switch (address)
        {
            case Prescale:
                // The prescaler can only be changed while the oscillator is off (MODE1.SLEEP).
                if ((registers[Mode1] & Sleep) != 0)
                {
                    registers[Prescale] = Math.Max(value, (byte)3);
                }

                break;
            case >= AllLedOnLow and <= AllLedOffHigh:
                for (int channel = 0; channel < 16; channel++)
                {
                    registers[Led0OnLow + (4 * channel) + (address - AllLedOnLow)] = value;
                }

                break;
            case 0xFF:
            case > LastLedRegister and < AllLedOnLow:
                // Reserved (0xFF is the test mode register): ignored.
                break;
            case Mode1:
                // RESTART (bit 7) is not modelled: writing it has no lasting effect.
                registers[Mode1] = (byte)(value & 0x7F);
                break;
            default:
                registers[address] = value;
                break;
        }
    }

    private void Advance()
    {
        if ((registers[Mode1] & AutoIncrement) == 0)
        {
            return;
        }

        pointer = pointer switch
        {
            LastLedRegister => 0,
            0xFF => 0,
            _ => pointer + 1,
        };
    }
}
