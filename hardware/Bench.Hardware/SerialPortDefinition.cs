using System.IO.Ports;

namespace Bench.Hardware;

/// <summary>
/// A serial device of a real rig (the terminal's ECR port, its debug console) and its line settings
/// (rig file sections <c>ecr:</c> and <c>console:</c>). No handshake: the bench never uses modem-control lines.
/// </summary>
public sealed record SerialPortDefinition
{
    /// <summary>The device, e.g. /dev/bench-ecr (a udev name) or /dev/ttyUSB0.</summary>
    public required string Device { get; init; }

    public int BaudRate { get; init; } = 9600;

    public int DataBits { get; init; } = 8;

    public Parity Parity { get; init; } = Parity.None;

    public StopBits StopBits { get; init; } = StopBits.One;
}
