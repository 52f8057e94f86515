namespace Bench.Hardware;

/// <summary>The I2C chips a rig can carry, each driven through its Iot.Device.Bindings binding.</summary>
public enum I2cChip
{
    /// <summary>NXP PCA9685 16-channel 12-bit PWM driver: the servo swiper's pulses.</summary>
    Pca9685,

    /// <summary>Microchip MCP23017 16-bit I/O expander: relay coils and sense contacts beyond the header's pins.</summary>
    Mcp23017,

    /// <summary>TI INA219 current/power monitor: the terminal supply's current, the power relay's second read-back.</summary>
    Ina219,
}
