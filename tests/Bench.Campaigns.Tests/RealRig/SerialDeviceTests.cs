using System.IO.Ports;

namespace Bench.Campaigns.Tests.RealRig;

/// <summary>
/// The terminal's serial devices on the rig's Pi: the ECR port (required) and the debug console (when fitted), by the
/// stable names deploy/udev/99-bench-serial.rules gives the USB–serial adapters, or the devices the environment names.
/// Opening proves the adapter is plugged, named and ours to open; nothing is sent to the terminal.
/// </summary>
[Category("Hardware")]
public sealed class SerialDeviceTests
{
    private const string EcrVariable = "BENCH_ECR_PORT";
    private const string ConsoleVariable = "BENCH_CONSOLE_PORT";
    private const int BaudRate = 115_200;

    [Test]
    public void The_ecr_serial_device_opens()
    {
        string port = Environment.GetEnvironmentVariable(EcrVariable) is { Length: > 0 } named ? named : "/dev/bench-ecr";
        if (!File.Exists(port))
        {
            Assert.Fail(
                $"ECR serial device {port} does not exist: plug the ECR cable's USB–serial adapter and install " +
                $"deploy/udev/99-bench-serial.rules with its serial number, or set {EcrVariable} (e.g. /dev/ttyUSB0)");
        }

        AssertOpens("ECR", port, EcrVariable);
    }

    [Test]
    public void The_console_serial_device_opens_when_fitted()
    {
        string? named = Environment.GetEnvironmentVariable(ConsoleVariable);
        string port = named is { Length: > 0 } ? named : "/dev/bench-console";
        if (!File.Exists(port))
        {
            if (named is not { Length: > 0 })
            {
                // The debug console is optional: many terminals have none on the bench.
                Assert.Ignore($"no console adapter at {port} (set {ConsoleVariable} to check one elsewhere)");
            }

            Assert.Fail($"console serial device {port} ({ConsoleVariable}) does not exist: plug its USB–serial adapter");
        }

        AssertOpens("console", port, ConsoleVariable);
    }

    private static void AssertOpens(string role, string port, string variable)
    {
        using var serial = new SerialPort(port, BaudRate);
        try
        {
            serial.Open();
        }
        catch (UnauthorizedAccessException exception)
        {
            Assert.Fail($"{role} serial device {port} cannot be opened: {exception.Message} (the user must be in the dialout group, or another process holds it)");
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or InvalidOperationException)
        {
            Assert.Fail($"{role} serial device {port} ({variable}) cannot be opened as a serial port: {exception.Message}");
        }

        Assert.That(serial.IsOpen, Is.True, $"{role} serial device {port} did not stay open");
    }
}
