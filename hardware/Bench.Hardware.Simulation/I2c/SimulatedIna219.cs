namespace Bench.Hardware.Simulation.I2c;

/// <summary>
/// A TI INA219 current/power monitor at the register level (datasheet SBOS448G): configuration 0x00, shunt voltage
/// 0x01 (LSB 10 µV, signed), bus voltage 0x02 (bits 15–3, LSB 4 mV; CNVR bit 1, OVF bit 0), power 0x03
/// (current × bus / 5000, LSB 20 × current LSB), current 0x04 (shunt × calibration / 4096), calibration 0x05
/// (bit 0 always 0). Registers are 16 bits, most significant byte first; the pointer does not auto-increment.
/// </summary>
/// <remarks>
/// What it measures comes from <see cref="CurrentAmperes"/> and <see cref="BusVolts"/> through a physical shunt of
/// <see cref="ShuntOhms"/>, clipped to the PGA's range (±40 to ±320 mV) and the bus range (16/32 V). In a
/// continuous mode a read converts anew; a triggered mode converts once, when the configuration is written;
/// power-down and ADC-off keep the last results. Writing RST (bit 15) restores every register's power-on value
/// (configuration 0x399F). CNVR is set by a conversion and cleared by reading the power register; OVF is set when
/// the current or power calculation overflows. Conversion times are not modelled: results are ready at once.
/// </remarks>
public sealed class SimulatedIna219 : SimulatedI2cDevice
{
    /// <summary>The configuration register's power-on value: 32 V, ±320 mV, 12-bit, shunt and bus continuous.</summary>
    public const ushort PowerOnConfiguration = 0x399F;

    private const int Configuration = 0;
    private const int ShuntVoltage = 1;
    private const int BusVoltage = 2;
    private const int Power = 3;
    private const int Current = 4;
    private const int Calibration = 5;

    private readonly ushort[] registers = new ushort[6];
    private int pointer;
    private bool conversionReady;
    private bool overflow;

    /// <summary>Creates the chip in its power-on state.</summary>
    /// <param name="busId">The bus number.</param>
    /// <param name="address">0x40–0x4F, set by A0/A1.</param>
    /// <param name="shuntOhms">The physical shunt resistor between VIN+ and VIN−.</param>
    public SimulatedIna219(int busId = 1, int address = 0x41, double shuntOhms = 0.1)
        : base(busId, address)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(shuntOhms, 0);
        ShuntOhms = shuntOhms;
        registers[Configuration] = PowerOnConfiguration;
    }

    /// <summary>The physical shunt resistor.</summary>
    public double ShuntOhms { get; }

    /// <summary>The current through the shunt now, in amperes (positive from VIN+ to VIN−). Called under the chip's lock.</summary>
    public Func<double> CurrentAmperes { get; set; } = () => 0;

    /// <summary>The voltage at VIN− against ground now. Called under the chip's lock.</summary>
    public Func<double> BusVolts { get; set; } = () => 0;

    /// <summary>One register's value as a read of it would return, without a read's side effects.</summary>
    public ushort ReadRegister(int address)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(address);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(address, Calibration);
        lock (Registers) return Value(address);
    }

    /// <inheritdoc/>
    protected override bool WriteRegisters(byte pointer, ReadOnlySpan<byte> data)
    {
        if (pointer > Calibration)
        {
            // No such register: the chip does not acknowledge the pointer.
            throw new IOException($"INA219 at 0x{ConnectionSettings.DeviceAddress:X2}: no register 0x{pointer:X2}");
        }

        this.pointer = pointer;
        if (data.Length < 2)
        {
            // A pointer write before a read, or a cut-short write that never completes a register.
            return false;
        }

        ushort value = (ushort)((data[0] << 8) | data[1]);
        switch (pointer)
        {
            case Configuration when (value & 0x8000) != 0:
                Array.Clear(registers);
                registers[Configuration] = PowerOnConfiguration;
                conversionReady = false;
                overflow = false;
                return true;
            case Configuration:
                registers[Configuration] = value;
                conversionReady = false;
                if (Mode is >= 1 and <= 3)
                {
                    Convert();
                }

                return true;
            case Calibration:
                registers[Calibration] = (ushort)(value & 0xFFFE);
                return true;
            default:
                // Shunt, bus, power and current are read-only.
                return false;
        }
    }

    /// <inheritdoc/>
    protected override void ReadRegisters(Span<byte> buffer)
    {
        if (Mode >= 5)
        {
            Convert();
        }

        ushort value = Value(pointer);
        if (pointer == Power)
        {
            conversionReady = false;
        }

        for (int i = 0; i < buffer.Length; i++)
        {
            // The register's two bytes, then the bus idles high.
            buffer[i] = i switch
            {
                0 => (byte)(value >> 8),
                1 => (byte)value,
                _ => 0xFF,
            };
        }
    }

    private int Mode => registers[Configuration] & 0x7;

    private ushort Value(int address) => address == BusVoltage
        ? (ushort)(registers[BusVoltage] | (conversionReady ? 2 : 0) | (overflow ? 1 : 0))
        : registers[address];

    // Measures and calculates as one conversion does, under the chip's lock.
    private void Convert()
    {
        ushort configuration = registers[Configuration];
        bool shunt = (Mode & 1) != 0;
        bool bus = (Mode & 2) != 0;
        if (shunt)
        {
            // PGA gain /1, /2, /4, /8: ±40, 80, 160, 320 mV full scale.
            double rangeVolts = 0.040 * (1 << ((configuration >> 11) & 0x3));
            double shuntVolts = Math.Clamp(CurrentAmperes() * ShuntOhms, -rangeVolts, rangeVolts);
            registers[ShuntVoltage] = (ushort)(short)Math.Round(shuntVolts / 10e-6);
        }

        if (bus)
        {
            double rangeVolts = (configuration & 0x2000) != 0 ? 32 : 16;
            double busVolts = Math.Clamp(BusVolts(), 0, rangeVolts);
            registers[BusVoltage] = (ushort)((int)Math.Round(busVolts / 0.004) << 3);
        }

        int calibration = registers[Calibration];
        long current = (short)registers[ShuntVoltage] * (long)calibration / 4096;
        long power = Math.Abs(current) * (registers[BusVoltage] >> 3) / 5000;
        overflow = current is > short.MaxValue or < short.MinValue || power > ushort.MaxValue;
        registers[Current] = (ushort)(short)Math.Clamp(current, short.MinValue, short.MaxValue);
        registers[Power] = (ushort)Math.Min(power, ushort.MaxValue);
        conversionReady = true;
    }
}
