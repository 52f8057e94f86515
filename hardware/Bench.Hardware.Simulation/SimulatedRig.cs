using System.Device.Gpio;
using Bench.Hardware.Simulation.I2c;
using Microsoft.Extensions.Logging;

namespace Bench.Hardware.Simulation;

/// <summary>
/// A complete simulated rig: a <see cref="SimulatedGpioDriver"/>, the <see cref="WiringHarness"/> on it, a
/// <see cref="GpioController"/> over the driver and the real <see cref="Bench.Hardware.Rig"/> on that
/// controller. The controller code drives <see cref="Rig"/>; the simulated terminal listens to
/// <see cref="Harness"/>.
/// </summary>
public sealed class SimulatedRig : IDisposable
{
    private readonly SimulatedPinTrace? pinTrace;

    /// <summary>Builds the simulated rig for <paramref name="definition"/> and puts it into the safe state.</summary>
    /// <param name="definition">The wiring; its <see cref="RigDefinition.GpioDriver"/> is ignored.</param>
    /// <param name="timeProvider">The clock shared with the simulated terminal and host (e.g. a <see cref="ScaledTimeProvider"/>).</param>
    /// <param name="options">Physics of the simulated devices.</param>
    /// <param name="logger">Passed to the rig and the simulated driver.</param>
    /// <param name="pinTraceFile">A file to append every pin change to (<see cref="SimulatedPinTrace"/>), from the first safe state to the release of every pin; null for none.</param>
    public SimulatedRig(
        RigDefinition? definition = null,
        TimeProvider? timeProvider = null,
        WiringHarnessOptions? options = null,
        ILogger? logger = null,
        string? pinTraceFile = null)
    {
        definition ??= DefaultDefinition;
        TimeProvider time = timeProvider ?? TimeProvider.System;
        Driver = new SimulatedGpioDriver(Math.Max(28, HighestPin(definition) + 1), time, logger);
        pinTrace = pinTraceFile is null ? null : new SimulatedPinTrace(Driver, definition.Name, pinTraceFile);
        I2cBus = new SimulatedI2cBus(definition);
        Harness = new WiringHarness(Driver, definition, options, I2cBus);
        Controller = new GpioController(Driver);
        try
        {
            Rig = new Rig(definition, Controller, time, logger, i2cDevices: I2cBus.Open);
        }
        catch
        {
            Harness.Dispose();
            Controller.Dispose();
            pinTrace?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The rig of fixtures/rigs/simulated.yaml: every device fitted, relays wired normally closed with
    /// read-back, a PE4302-style attenuator.
    /// </summary>
    public static RigDefinition DefaultDefinition { get; } = new()
    {
        Name = "simulated",
        GpioDriver = GpioDriverKind.Simulated,
        Swipe = new SolenoidDefinition
        {
            Pin = 18,
            Dwell = TimeSpan.FromMilliseconds(150),
            MinimumRearm = TimeSpan.FromMilliseconds(1000),
        },
        TerminalPower = new RelayDefinition { Pin = 5, SensePin = 6 },
        PhoneLine = new RelayDefinition { Pin = 17, SensePin = 27 },
        SimPower = new RelayDefinition { Pin = 22, SensePin = 23 },
        Attenuator = new AttenuatorDefinition { ClockPin = 24, DataPin = 25, LatchPin = 16 },
    };

    /// <summary>The simulated GPIO chip.</summary>
    public SimulatedGpioDriver Driver { get; }

    /// <summary>The physics: swipes, circuits, attenuation, and fault switches such as stuck relays.</summary>
    public WiringHarness Harness { get; }

    /// <summary>The simulated I2C chips of the definition's <c>i2c</c> section (none without one).</summary>
    public SimulatedI2cBus I2cBus { get; }

    /// <summary>The controller over <see cref="Driver"/>; owned by this object.</summary>
    public GpioController Controller { get; }

    /// <summary>The rig the controller code drives, exactly as on a Pi.</summary>
    public Rig Rig { get; }

    /// <summary>Puts the rig into the safe state and releases everything.</summary>
    public void Dispose()
    {
        Rig.Dispose();
        Harness.Dispose();
        Controller.Dispose();
        pinTrace?.Dispose();
    }

    private static int HighestPin(RigDefinition definition) =>
        definition.PinAssignments().Select(p => p.Pin).DefaultIfEmpty(0).Max();
}
