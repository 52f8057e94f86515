namespace Bench.Hardware;

/// <summary>Which System.Device.Gpio driver a real rig opens.</summary>
public enum GpioDriverKind
{
    /// <summary>
    /// libgpiod v2 ABI (libgpiod 2.x). Use this on a Pi 5 with Raspberry Pi OS trixie: the automatic
    /// choice can pick a driver that does not work there.
    /// </summary>
    LibGpiodV2,

    /// <summary>libgpiod v1 ABI (libgpiod 1.x, Raspberry Pi OS bookworm and older).</summary>
    LibGpiod,

    /// <summary>Direct register access on a Pi 3/4. Does not work on a Pi 5 (the RP1 is different).</summary>
    RaspberryPi3,

    /// <summary>The deprecated sysfs interface; last resort.</summary>
    SysFs,

    /// <summary>Let <c>new GpioController()</c> choose.</summary>
    Automatic,

    /// <summary>The simulated rig (Bench.Hardware.Simulation); a real rig refuses it.</summary>
    Simulated,
}
