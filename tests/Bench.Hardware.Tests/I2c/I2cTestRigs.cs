using Bench.Hardware.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests.I2c;

/// <summary>A rig with every I2C device, as fixtures/rigs/simulated-i2c.yaml, and a way to run strokes on a fake clock.</summary>
internal static class I2cTestRigs
{
    public static RigDefinition Definition { get; } = SimulatedRig.DefaultDefinition with
    {
        Name = "simulated-i2c",
        Swipe = null,
        I2c = new I2cBusDefinition
        {
            BusId = 1,
            Devices =
            [
                new I2cDeviceDefinition { Name = "servoDriver", Chip = I2cChip.Pca9685, Address = 0x40 },
                new I2cDeviceDefinition { Name = "relayExpander", Chip = I2cChip.Mcp23017, Address = 0x20 },
                new I2cDeviceDefinition { Name = "supplyMonitor", Chip = I2cChip.Ina219, Address = 0x41 },
            ],
        },
        Swiper = SwiperKind.Servo,
        Servo = new ServoSwiperDefinition { Device = "servoDriver", Channel = 0, RestAngle = 10, EndAngle = 150, StrokeTime = TimeSpan.FromMilliseconds(300) },
        TerminalPower = new RelayDefinition { Expander = "relayExpander", Pin = 0, SensePin = 8, SenseActiveHigh = false },
        PhoneLine = new RelayDefinition { Expander = "relayExpander", Pin = 1, SensePin = 9, SenseActiveHigh = false },
        SupplyCurrent = new SupplyCurrentDefinition { Device = "supplyMonitor" },
    };

    /// <summary>Advances the fake clock a step at a time until <paramref name="operation"/> ends (each step fires the next timer).</summary>
    public static async Task<T> RunAsync<T>(FakeTimeProvider clock, Task<T> operation, TimeSpan step)
    {
        for (int i = 0; i < 10_000 && !operation.IsCompleted; i++)
        {
            clock.Advance(step);
            await Task.Yield();
        }

        return await operation.WaitAsync(TestRigs.Bound);
    }

    /// <summary>As <see cref="RunAsync{T}"/> for operations without a result.</summary>
    public static async Task RunAsync(FakeTimeProvider clock, Task operation, TimeSpan step)
    {
        for (int i = 0; i < 10_000 && !operation.IsCompleted; i++)
        {
            clock.Advance(step);
            await Task.Yield();
        }

        await operation.WaitAsync(TestRigs.Bound);
    }
}
