using System.IO.Ports;
using System.Text;
using Bench.Hardware.Simulation;

namespace Bench.Hardware.Tests;

[TestFixture]
[Platform("Linux")]
public sealed class PseudoTerminalPairTests
{
    // Bounded waits for real I/O through the kernel; they only limit how long a failing test hangs.
    private static readonly TimeSpan IoTimeout = TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_line_written_on_either_side_arrives_on_the_other_through_a_real_serial_port()
    {
        using var pair = new PseudoTerminalPair();
        using var port = new SerialPort(pair.SlavePath, 115200) { NewLine = "\r\n" };
        port.Open();

        byte[] fromTerminal = Encoding.ASCII.GetBytes("READY\r\n");
        await pair.MasterStream.WriteAsync(fromTerminal);
        string received = await ReadLineAsync(port.BaseStream);
        Assert.That(received, Is.EqualTo("READY"));

        byte[] fromController = Encoding.ASCII.GetBytes("SALE 000000001000\r\n");
        await port.BaseStream.WriteAsync(fromController);
        string echoedToTerminal = await ReadLineAsync(pair.MasterStream);
        Assert.That(echoedToTerminal, Is.EqualTo("SALE 000000001000"));
    }

    [Test]
    public async Task Every_byte_value_passes_unchanged_in_raw_mode()
    {
        using var pair = new PseudoTerminalPair();
        using var port = new SerialPort(pair.SlavePath, 115200);
        port.Open();

        byte[] all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        await pair.MasterStream.WriteAsync(all);
        byte[] received = await ReadExactlyAsync(port.BaseStream, all.Length);

        Assert.That(received, Is.EqualTo(all));
    }

    [Test]
    public async Task A_waiting_read_on_the_master_ends_when_cancelled()
    {
        using var pair = new PseudoTerminalPair();
        using var cancellation = new CancellationTokenSource();
        Task waiting = ReadWaits(pair);

        Task<int> read = pair.MasterStream.ReadAsync(new byte[16], cancellation.Token).AsTask();
        await waiting.WaitAsync(IoTimeout);
        cancellation.Cancel();

        Assert.That(async () => await read.WaitAsync(IoTimeout), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Cancelling_a_read_while_a_write_waits_ends_the_read_and_leaves_the_write_waiting()
    {
        using var pair = new PseudoTerminalPair();
        using var readCancellation = new CancellationTokenSource();
        using var writeCancellation = new CancellationTokenSource();

        // Nobody reads the slave, so a megabyte fills its input queue and the write has to wait for room.
        Task write = pair.MasterStream.WriteAsync(new byte[1 << 20], writeCancellation.Token).AsTask();
        Assert.That(write.IsCompleted, Is.False, "the write should be waiting for room");
        Task waiting = ReadWaits(pair);
        Task<int> read = pair.MasterStream.ReadAsync(new byte[16], readCancellation.Token).AsTask();
        await waiting.WaitAsync(IoTimeout);

        readCancellation.Cancel();

        Assert.That(async () => await read.WaitAsync(IoTimeout), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(write.IsCompleted, Is.False, "cancelling the read must not end the write");

        writeCancellation.Cancel();

        Assert.That(async () => await write.WaitAsync(IoTimeout), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task A_read_after_a_cancelled_one_still_receives_data()
    {
        using var pair = new PseudoTerminalPair();
        using var port = new SerialPort(pair.SlavePath, 115200);
        port.Open();
        using (var cancellation = new CancellationTokenSource())
        {
            Task waiting = ReadWaits(pair);
            Task<int> cancelled = pair.MasterStream.ReadAsync(new byte[16], cancellation.Token).AsTask();
            await waiting.WaitAsync(IoTimeout);
            cancellation.Cancel();
            Assert.That(async () => await cancelled.WaitAsync(IoTimeout), Throws.InstanceOf<OperationCanceledException>());
        }

        Task<string> line = ReadLineAsync(pair.MasterStream);
        await port.BaseStream.WriteAsync(Encoding.ASCII.GetBytes("STATUS\r\n"));

        Assert.That(await line.WaitAsync(IoTimeout), Is.EqualTo("STATUS"));
    }

    [Test]
    public async Task Disposing_the_pair_ends_a_waiting_read()
    {
        var pair = new PseudoTerminalPair();
        Task waiting = ReadWaits(pair);
        Task<int> read = pair.MasterStream.ReadAsync(new byte[16]).AsTask();
        await waiting.WaitAsync(IoTimeout);

        pair.Dispose();

        Assert.That(async () => await read.WaitAsync(IoTimeout), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public void A_read_after_disposal_fails_at_once()
    {
        var pair = new PseudoTerminalPair();
        Stream stream = pair.MasterStream;
        pair.Dispose();

        Assert.That(async () => await stream.ReadAsync(new byte[16]), Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(async () => await stream.WriteAsync(new byte[16]), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public async Task The_serial_port_can_be_closed_and_opened_again()
    {
        using var pair = new PseudoTerminalPair();
        using (var first = new SerialPort(pair.SlavePath, 115200))
        {
            first.Open();
        }

        using var second = new SerialPort(pair.SlavePath, 115200);
        second.Open();
        await pair.MasterStream.WriteAsync(Encoding.ASCII.GetBytes("AGAIN\n"));

        Assert.That(await ReadLineAsync(second.BaseStream), Is.EqualTo("AGAIN"));
    }

    [Test]
    public void The_slave_path_names_a_pts_device()
    {
        using var pair = new PseudoTerminalPair();

        Assert.That(pair.SlavePath, Does.StartWith("/dev/pts/"));
        Assert.That(File.Exists(pair.SlavePath), Is.True);
    }

    // Completes when a read on the master has found nothing and waits in poll(): cancelling or disposing
    // then exercises the wake-up, not the check made before the wait.
    private static Task ReadWaits(PseudoTerminalPair pair)
    {
        var stream = (PseudoTerminalStream)pair.MasterStream;
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stream.WaitingForInput += () => waiting.TrySetResult();
        return waiting.Task;
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(IoTimeout);
        var line = new StringBuilder();
        byte[] one = new byte[1];
        while (true)
        {
            int read = await stream.ReadAsync(one, timeout.Token);
            if (read == 0 || one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        using var timeout = new CancellationTokenSource(IoTimeout);
        byte[] buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, timeout.Token);
        return buffer;
    }
}
