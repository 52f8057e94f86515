namespace Bench.Hardware.Simulation.I2c;

/// <summary>
/// The simulated terminal's draw on its supply, which the INA219 measures: nothing while the power relay has cut
/// it, the idle current while powered, more during a modem's transmit burst.
/// </summary>
/// <param name="isPowered">Whether the terminal has power now (the harness's circuit state).</param>
/// <param name="options">The currents and the supply voltage.</param>
public sealed class SimulatedTerminalSupply(Func<bool> isPowered, WiringHarnessOptions options)
{
    private int transmitters;

    /// <summary>True while at least one transmit burst is under way.</summary>
    public bool IsTransmitting => Volatile.Read(ref transmitters) > 0;

    /// <summary>The supply current now, in amperes.</summary>
    public double Amperes =>
        !isPowered() ? 0 : (options.TerminalIdleMilliamperes + (IsTransmitting ? options.ModemTransmitMilliamperes : 0)) / 1000;

    /// <summary>The supply's voltage at the terminal now (0 while cut).</summary>
    public double Volts => isPowered() ? options.SupplyVolts : 0;

    /// <summary>
    /// A modem starts transmitting (the cellular module attaching or sending, the dial-up modem off-hook); dispose
    /// the result when the burst ends. Bursts overlap: the supply shows one transmit current while any is under way.
    /// </summary>
    public IDisposable BeginTransmit()
    {
        Interlocked.Increment(ref transmitters);
        return new Burst(this);
    }

    private sealed class Burst(SimulatedTerminalSupply supply) : IDisposable
    {
        private int ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref ended, 1) == 0)
            {
                Interlocked.Decrement(ref supply.transmitters);
            }
        }
    }
}
