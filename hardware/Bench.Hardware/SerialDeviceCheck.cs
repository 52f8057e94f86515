namespace Bench.Hardware;

/// <summary>A serial device the rig check opens (the terminal's ECR port, its console).</summary>
/// <param name="Channel">What it is, e.g. "ECR port".</param>
/// <param name="PortName">The device, e.g. /dev/ttyUSB0 or a /dev/serial/by-id/... name.</param>
/// <param name="BaudRate">The line speed to open it at.</param>
public sealed record SerialDeviceCheck(string Channel, string PortName, int BaudRate = 115_200);
