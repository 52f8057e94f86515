using System.IO.Ports;
using System.Net;
using Bench.Campaigns.Fixtures;
using Bench.Hardware;

namespace Bench.Campaigns.Tests;

/// <summary>The rig file's ecr, console and host keys: where a real rig reaches its terminal and where its host listens.</summary>
public sealed class RigSerialLoaderTests
{
    // Line numbers below count from this text's first line.
    private const string RealRig = """
        name: real-rig
        gpioDriver: LibGpiodV2
        ecr:
          device: /dev/bench-ecr
          baudRate: 19200
          dataBits: 7
          parity: even
          stopBits: 2
        console:
          device: /dev/bench-console
        host:
          listen: 192.168.7.1
          port: 5000
        """;

    [Test]
    public void Loads_the_ecr_port_the_console_and_the_hosts_listen_address()
    {
        using var directory = new TemporaryDirectory();

        var rig = RigDefinitionLoader.Load(directory.Write("rig.yaml", RealRig));

        Assert.Multiple(() =>
        {
            Assert.That(rig.Ecr, Is.EqualTo(new SerialPortDefinition
            {
                Device = "/dev/bench-ecr", BaudRate = 19200, DataBits = 7, Parity = Parity.Even, StopBits = StopBits.Two,
            }));
            Assert.That(rig.Console, Is.EqualTo(new SerialPortDefinition { Device = "/dev/bench-console", BaudRate = 115_200 }));
            Assert.That(rig.Host, Is.EqualTo(new HostListenDefinition { Listen = IPAddress.Parse("192.168.7.1"), Port = 5000 }));
            Assert.That(rig.IsSimulated, Is.False);
        });
    }

    [Test]
    public void Left_out_the_ecr_port_is_9600_8N1_there_is_no_console_and_the_host_listens_on_loopback()
    {
        using var directory = new TemporaryDirectory();

        var rig = RigDefinitionLoader.Load(directory.Write("rig.yaml", "gpioDriver: LibGpiod\necr:\n  device: /dev/ttyUSB0\n"));

        Assert.Multiple(() =>
        {
            Assert.That(rig.Ecr, Is.EqualTo(new SerialPortDefinition { Device = "/dev/ttyUSB0", BaudRate = 9600, DataBits = 8, Parity = Parity.None, StopBits = StopBits.One }));
            Assert.That(rig.Console, Is.Null);
            Assert.That(rig.Host, Is.EqualTo(new HostListenDefinition { Listen = IPAddress.Loopback, Port = 0 }));
        });
    }

    [Test]
    public void The_shipped_rigs_load_the_pi5_rig_with_its_udev_device_names()
    {
        var pi5 = RigDefinitionLoader.Load(RepositoryFiles.Fixture("rigs/pi5-rig.yaml"));
        var simulated = RigDefinitionLoader.Load(RepositoryFiles.Fixture("rigs/simulated.yaml"));
        var simulatedI2c = RigDefinitionLoader.Load(RepositoryFiles.Fixture("rigs/simulated-i2c.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(pi5.Ecr?.Device, Is.EqualTo("/dev/bench-ecr"));
            Assert.That(pi5.Console?.Device, Is.EqualTo("/dev/bench-console"));
            Assert.That(pi5.Host.Listen, Is.EqualTo(IPAddress.Loopback));
            Assert.That(simulated.Ecr, Is.Null);
            Assert.That(simulatedI2c.Ecr, Is.Null);
        });
    }

    [Test]
    public void A_simulated_rig_needs_no_ecr_device()
    {
        using var directory = new TemporaryDirectory();

        var rig = RigDefinitionLoader.Load(directory.Write("rig.yaml", "gpioDriver: Simulated\n"));

        Assert.That(rig.Ecr, Is.Null);
    }

    [Test]
    public void A_real_rig_without_an_ecr_device_is_an_error_at_load()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("rig.yaml", "name: pi\ngpioDriver: LibGpiodV2\n");

        FixtureErrorAssert.Throws(() => RigDefinitionLoader.Load(file), file, 1, 1, "ecr.device", "is required on a real rig (gpioDriver LibGpiodV2)");
    }

    // Each case replaces one line of RealRig; section keys sit at column 3.
    [TestCase(4, "", 4, 3, "ecr.device", "required key is missing")]
    [TestCase(4, "device: ' '", 4, 3, "ecr.device", "must not be empty")]
    [TestCase(5, "baudRate: fast", 5, 3, "ecr.baudRate", "must be a whole number (got 'fast')")]
    [TestCase(5, "baudRate: 0", 5, 3, "ecr.baudRate", "must be a line speed between 50 and 4000000 (got 0)")]
    [TestCase(6, "dataBits: 9", 6, 3, "ecr.dataBits", "must be 5, 6, 7 or 8 (got 9)")]
    [TestCase(7, "parity: 2", 7, 3, "ecr.parity", "must be none, odd, even, mark or space (got '2')")]
    [TestCase(7, "parity: evn", 7, 3, "ecr.parity", "must be none, odd, even, mark or space (got 'evn')")]
    [TestCase(8, "stopBits: 3", 8, 3, "ecr.stopBits", "must be 1, 1.5 or 2 (got 3)")]
    [TestCase(8, "handshake: RequestToSend", 8, 3, "ecr.handshake", "unknown key; allowed keys: device, baudRate, dataBits, parity, stopBits")]
    [TestCase(10, "device: [a, b]", 10, 3, "console.device", "must be a single value (got a list)")]
    [TestCase(12, "listen: localhost", 12, 3, "host.listen", "must be an IP address of this machine, e.g. 127.0.0.1 or 0.0.0.0 (got 'localhost')")]
    [TestCase(13, "port: 70000", 13, 3, "host.port", "must be a TCP port between 0 (any free one) and 65535 (got 70000)")]
    [TestCase(13, "address: 1", 13, 3, "host.address", "unknown key; allowed keys: listen, port")]
    public void Reports_bad_values_at_their_key(int lineToReplace, string replacement, int line, int column, string keyPath, string problem)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("rig.yaml", FixtureTexts.ReplaceLineAt(RealRig, lineToReplace, replacement));

        FixtureErrorAssert.Throws(() => RigDefinitionLoader.Load(file), file, line, column, keyPath, problem);
    }
}
