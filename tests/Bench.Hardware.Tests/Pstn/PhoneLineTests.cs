using Bench.Hardware.Nac;
using Bench.Hardware.Simulation;
using Bench.Hardware.Simulation.Pstn;

namespace Bench.Hardware.Tests.Pstn;

[TestFixture]
[Platform("Linux")]
public sealed class PhoneLineTests
{
    private static readonly TimeSpan ByteTime = TimeSpan.FromSeconds(10.0 / 1200);
    // Truncating a byte time to whole ticks makes a 200-byte frame a few microseconds shorter.
    private static readonly TimeSpan Rounding = TimeSpan.FromMilliseconds(1);
    // Late timers on a loaded machine: generous, but well under the effects measured.
    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(0.5);

    [Test]
    public async Task A_200_byte_frame_takes_200_times_10_bits_at_1200_bit_per_s_of_terminal_time_each_way()
    {
        await using var bench = new PstnBench(scale: 5);
        await using var call = await Call.ConnectAsync(bench);
        var frame = Frame(200, seed: 1);
        var expected = ByteTime * 200;

        var start = bench.Time.GetTimestamp();
        await call.TerminalData.WriteAsync(frame, bench.Token);
        var received = await ReadExactlyAsync(call.AnsweringData, 200, bench.Token);
        var upstream = bench.Since(start);

        start = bench.Time.GetTimestamp();
        await call.AnsweringData.WriteAsync(frame.Reverse().ToArray(), bench.Token);
        var reply = await ReadExactlyAsync(call.TerminalData, 200, bench.Token);
        var downstream = bench.Since(start);

        Assert.That(received, Is.EqualTo(frame));
        Assert.That(reply, Is.EqualTo(frame.Reverse().ToArray()));
        Assert.That(upstream, Is.InRange(expected - Rounding, expected + Lateness), "terminal to bench");
        Assert.That(downstream, Is.InRange(expected - Rounding, expected + Lateness), "bench to terminal");
    }

    [Test]
    public async Task A_cut_shorter_than_S10_keeps_the_call_and_delays_the_bytes_in_flight_by_the_cut()
    {
        await using var bench = new PstnBench(scale: 10);
        await using var call = await Call.ConnectAsync(bench);
        var cut = new CutRecorder(bench.Rig.Harness);
        var frame = Frame(200, seed: 2);

        var start = bench.Time.GetTimestamp();
        await call.TerminalData.WriteAsync(frame, bench.Token);
        await Task.Delay(TimeSpan.FromSeconds(0.5), bench.Time, bench.Token);
        await bench.Rig.Rig.SetPhoneLineAsync(false, bench.Token);
        await Task.Delay(TimeSpan.FromSeconds(0.4), bench.Time, bench.Token);
        await bench.Rig.Rig.SetPhoneLineAsync(true, bench.Token);
        var received = await ReadExactlyAsync(call.AnsweringData, 200, bench.Token);
        var elapsed = bench.Since(start);

        var cutLength = cut.Length(bench.Time);
        Assert.That(cutLength, Is.InRange(TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(1.2)), "the cut stayed under S10 = 1.4 s");
        Assert.That(received, Is.EqualTo(frame));
        var expected = ByteTime * 200 + cutLength;
        Assert.That(elapsed, Is.InRange(expected - Rounding, expected + Lateness));
        Assert.That(call.TerminalData.HasEnded || call.AnsweringData.HasEnded, Is.False, "no NO CARRIER");
        Assert.That(bench.Link.TerminalModem.State, Is.EqualTo(HayesModemState.Online));
        Assert.That(bench.Link.AnsweringModem.State, Is.EqualTo(HayesModemState.Online));
    }

    [Test]
    public async Task A_cut_longer_than_S10_ends_the_call_with_NO_CARRIER_on_both_serial_ports_and_both_modems_back_on_hook()
    {
        await using var bench = new PstnBench(scale: 10);
        await using var call = await Call.ConnectAsync(bench);

        var start = bench.Time.GetTimestamp();
        await bench.Rig.Rig.SetPhoneLineAsync(false, bench.Token);
        var terminalEnd = await call.TerminalData.Ended.WaitAsync(bench.Token);
        var terminalLost = bench.Since(start);
        var answeringEnd = await call.AnsweringData.Ended.WaitAsync(bench.Token);
        var answeringLost = bench.Since(start);
        await bench.Rig.Rig.SetPhoneLineAsync(true, bench.Token);

        Assert.That(terminalEnd, Is.EqualTo(HayesResults.NoCarrier));
        Assert.That(answeringEnd, Is.EqualTo(HayesResults.NoCarrier));
        var tolerance = TimeSpan.FromSeconds(1.4);
        Assert.That(terminalLost, Is.InRange(tolerance - bench.TimerSlack, tolerance + Lateness));
        Assert.That(answeringLost, Is.InRange(tolerance - bench.TimerSlack, tolerance + Lateness));
        Assert.That(bench.Link.TerminalModem.State, Is.EqualTo(HayesModemState.Command));
        Assert.That(bench.Link.AnsweringModem.State, Is.EqualTo(HayesModemState.Command));
        Assert.That(async () => await call.TerminalData.WriteAsync(new byte[1], bench.Token), Throws.InstanceOf<IOException>());

        // The line is back: the next call goes through.
        var again = await call.Terminal.CommandAsync("ATDT" + PstnBench.Settings.PhoneNumber, TimeSpan.FromSeconds(60), bench.Token);
        Assert.That(again.Text, Is.EqualTo("CONNECT 1200"));
    }

    private static byte[] Frame(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    /// <summary>The first cut and restoration of the phone line, as the harness decoded them from the relay pin.</summary>
    private sealed class CutRecorder
    {
        private long? cutAt;
        private long? restoredAt;

        public CutRecorder(WiringHarness harness) => harness.PhoneLineChanged += (_, change) =>
        {
            if (!change.IsOn) cutAt ??= change.Timestamp;
            else if (cutAt is not null) restoredAt ??= change.Timestamp;
        };

        public TimeSpan Length(TimeProvider time) => time.GetElapsedTime(
            cutAt ?? throw new AssertionException("the line was never cut"),
            restoredAt ?? throw new AssertionException("the line was never restored"));
    }

    /// <summary>A connected call, read through the same <see cref="HayesModemPort"/> the NAC uses.</summary>
    private sealed class Call : IAsyncDisposable
    {
        private Call(HayesModemPort terminal, HayesModemPort answering, ModemDataStream terminalData, ModemDataStream answeringData)
        {
            Terminal = terminal;
            Answering = answering;
            TerminalData = terminalData;
            AnsweringData = answeringData;
        }

        public HayesModemPort Terminal { get; }
        public HayesModemPort Answering { get; }
        public ModemDataStream TerminalData { get; }
        public ModemDataStream AnsweringData { get; }

        public static async Task<Call> ConnectAsync(PstnBench bench)
        {
            var terminal = new HayesModemPort(bench.TerminalPort, bench.Time);
            var answering = new HayesModemPort(bench.AnsweringPort, bench.Time);
            var timeout = TimeSpan.FromSeconds(60);
            Assert.That((await answering.CommandAsync("ATE0S0=1", timeout, bench.Token)).Text, Is.EqualTo("OK"));
            var answered = answering.WaitForResultAsync(result => result.IsConnect, bench.Token);
            var dialled = await terminal.CommandAsync("ATE0DT" + PstnBench.Settings.PhoneNumber, timeout, bench.Token);
            Assert.That(dialled.Text, Is.EqualTo("CONNECT 1200"));
            var answer = await answered;
            return new Call(terminal, answering, dialled.Data!, answer.Data!);
        }

        public async ValueTask DisposeAsync()
        {
            await Terminal.DisposeAsync();
            await Answering.DisposeAsync();
        }
    }
}
