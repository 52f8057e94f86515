using System.Device.Gpio;
using Bench.Hardware;

namespace Bench.Campaigns.Tests.RealRig;

/// <summary>Energizes one relay and releases it again, each time waiting its settle time and reading its sense contact.</summary>
internal static class RelaySwitching
{
    /// <summary>
    /// Opens the relay on <paramref name="controller"/> (coil released), energizes it, checks the sense contact, releases
    /// it and checks again; the coil is released and the pins closed whatever happens.
    /// </summary>
    public static async Task CheckAsync(GpioController controller, string circuit, RelayDefinition definition)
    {
        using var relay = new Relay(controller, circuit, definition);
        try
        {
            // Released first: a sense contact stuck in the energized position shows before the coil moves.
            foreach (bool energized in new[] { false, true, false })
            {
                try
                {
                    await relay.SetAndVerifyAsync(energized);
                }
                catch (RigFaultException fault)
                {
                    Assert.Fail(
                        $"{fault.Message}. Check the relay board's supply (JD-VCC 5 V, VCC 3.3 V), the coil line and the " +
                        "auxiliary contact's wiring to the sense input and GND");
                }
            }
        }
        finally
        {
            relay.DeEnergize();
        }
    }
}
