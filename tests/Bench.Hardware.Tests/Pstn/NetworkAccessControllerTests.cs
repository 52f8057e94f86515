using System.Net;
using Bench.Codec;
using Bench.Hardware.Nac;

namespace Bench.Hardware.Tests.Pstn;

[TestFixture]
[Platform("Linux")]
public sealed class NetworkAccessControllerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Frames_go_to_the_host_of_their_TPDU_destination_and_replies_come_back_down_the_line()
    {
        await using var bench = new PstnBench(scale: 20);
        await using var host = new LoopbackHost();
        await using var nac = new RunningNac(bench, new TpduRoutingTable(new Dictionary<ushort, EndPoint> { [0x0003] = host.EndPoint }));
        await using var terminal = new HayesModemPort(bench.TerminalPort, bench.Time);
        var data = await DialAsync(terminal, bench);

        var request = Body(0x0003, 0x0000, payloadLength: 150);
        await data.WriteAsync(Framed(request), bench.Token);
        var reply = await new FrameReader(data).ReadAsync(bench.Token);

        Assert.That(host.Connections, Has.Count.EqualTo(1));
        Assert.That(host.Connections[0].Frames, Is.EqualTo(new[] { request }));
        Assert.That(reply!.Body, Is.EqualTo(LoopbackHost.SwapTpdu(request)));
        Assert.That(Tpdu.ReadFrom(reply.Body), Is.EqualTo(new Tpdu(0x60, 0x0000, 0x0003)));
        Assert.That(nac.Controller.FramesForwarded, Is.EqualTo(1));
    }

    [Test]
    public async Task Frames_with_an_unknown_destination_a_bad_length_or_no_TPDU_are_dropped_with_a_reason_and_the_call_goes_on()
    {
        await using var bench = new PstnBench(scale: 20);
        await using var host = new LoopbackHost();
        await using var nac = new RunningNac(bench, new TpduRoutingTable(new Dictionary<ushort, EndPoint> { [0x0003] = host.EndPoint }));
        await using var terminal = new HayesModemPort(bench.TerminalPort, bench.Time);
        var data = await DialAsync(terminal, bench);

        await data.WriteAsync(Framed(Body(0x0007, 0x0000, payloadLength: 20)), bench.Token);
        Assert.That(await nac.NextDropAsync(bench.Token), Does.Contain("no route for TPDU destination 0007"));
        await data.WriteAsync(new byte[] { 0x00, 0x00 }, bench.Token);
        Assert.That(await nac.NextDropAsync(bench.Token), Does.Contain("zero-length frame"));
        await data.WriteAsync(new byte[] { 0xFF, 0xFF }, bench.Token);
        Assert.That(await nac.NextDropAsync(bench.Token), Does.Contain("exceeds the maximum"));
        await data.WriteAsync(Framed([0x02, 0x00, 0x03]), bench.Token);
        Assert.That(await nac.NextDropAsync(bench.Token), Does.Contain("shorter than a TPDU"));

        var good = Body(0x0003, 0x0000, payloadLength: 40);
        await data.WriteAsync(Framed(good), bench.Token);
        var reply = await new FrameReader(data).ReadAsync(bench.Token);

        Assert.That(reply!.Body, Is.EqualTo(LoopbackHost.SwapTpdu(good)));
        Assert.That(nac.Controller.FramesDropped, Is.EqualTo(4));
        Assert.That(host.Connections.Single().Frames, Is.EqualTo(new[] { good }), "only the good frame reached the host");
    }

    [Test]
    public async Task When_the_carrier_is_lost_mid_call_the_host_connection_is_closed_and_the_next_call_is_served()
    {
        await using var bench = new PstnBench(scale: 20);
        await using var host = new LoopbackHost { Reply = _ => null };
        await using var nac = new RunningNac(bench, TpduRoutingTable.To(host.EndPoint));
        await using var terminal = new HayesModemPort(bench.TerminalPort, bench.Time);
        var data = await DialAsync(terminal, bench);
        await data.WriteAsync(Framed(Body(0x0003, 0x0000, 30)), bench.Token);
        await host.WaitUntilAsync(connections => connections.Count == 1 && connections[0].Frames.Count == 1, bench.Token);

        await bench.Rig.Rig.SetPhoneLineAsync(false, bench.Token);
        Assert.That(await data.Ended.WaitAsync(bench.Token), Is.EqualTo(HayesResults.NoCarrier));
        Assert.That(await nac.NextCallEndAsync(bench.Token), Is.EqualTo(HayesResults.NoCarrier));
        await host.WaitUntilAsync(connections => connections[0].ClosedByPeer, bench.Token);
        await bench.Rig.Rig.SetPhoneLineAsync(true, bench.Token);

        var second = await DialAsync(terminal, bench);
        await second.WriteAsync(Framed(Body(0x0003, 0x0000, 30)), bench.Token);
        await host.WaitUntilAsync(connections => connections.Count == 2 && connections[1].Frames.Count == 1, bench.Token);
        Assert.That(nac.Controller.CallsAnswered, Is.EqualTo(2));
    }

    [Test]
    public async Task When_the_host_closes_the_NAC_hangs_up_after_the_reply_has_reached_the_terminal()
    {
        await using var bench = new PstnBench(scale: 20);
        await using var host = new LoopbackHost();
        await using var nac = new RunningNac(bench, TpduRoutingTable.To(host.EndPoint));
        await using var terminal = new HayesModemPort(bench.TerminalPort, bench.Time);
        var data = await DialAsync(terminal, bench);
        var request = Body(0x0003, 0x0000, 180);
        await data.WriteAsync(Framed(request), bench.Token);
        await host.WaitUntilAsync(connections => connections.Count == 1 && connections[0].Frames.Count == 1, bench.Token);

        host.Connections[0].Close();
        var reader = new FrameReader(data);
        var reply = await reader.ReadAsync(bench.Token);
        var end = await reader.ReadAsync(bench.Token);

        Assert.That(reply!.Body, Is.EqualTo(LoopbackHost.SwapTpdu(request)), "the reply in flight is delivered before the hang-up");
        Assert.That(end, Is.Null);
        Assert.That(await data.Ended, Is.EqualTo(HayesResults.NoCarrier));
        Assert.That(await nac.NextCallEndAsync(bench.Token), Is.EqualTo("host closed"));
    }

    private static async Task<ModemDataStream> DialAsync(HayesModemPort terminal, PstnBench bench)
    {
        var result = await terminal.CommandAsync("ATE0DT" + PstnBench.Settings.PhoneNumber, Timeout, bench.Token);
        Assert.That(result.Text, Is.EqualTo("CONNECT 1200"));
        return result.Data!;
    }

    private static byte[] Body(ushort destination, ushort source, int payloadLength)
    {
        var body = new byte[Tpdu.Length + payloadLength];
        new Tpdu(0x60, destination, source).WriteTo(body);
        new Random(payloadLength).NextBytes(body.AsSpan(Tpdu.Length));
        return body;
    }

    private static byte[] Framed(byte[] body)
    {
        var framed = new byte[Framing.PrefixLength + body.Length];
        Framing.WritePrefix(framed, body.Length);
        body.CopyTo(framed, Framing.PrefixLength);
        return framed;
    }

    /// <summary>A NAC serving the bench's answering modem in the background, with its drops and call ends queued for the test.</summary>
    private sealed class RunningNac : IAsyncDisposable
    {
        private readonly CancellationTokenSource stopping = new();
        private readonly System.Threading.Channels.Channel<string> drops = System.Threading.Channels.Channel.CreateUnbounded<string>();
        private readonly System.Threading.Channels.Channel<string> callEnds = System.Threading.Channels.Channel.CreateUnbounded<string>();
        private readonly Task run;

        public RunningNac(PstnBench bench, TpduRoutingTable routing)
        {
            Controller = new NetworkAccessController(bench.AnsweringPort, new NetworkAccessControllerOptions(routing), bench.Time);
            Controller.FrameDropped += reason => drops.Writer.TryWrite(reason);
            Controller.CallEnded += reason => callEnds.Writer.TryWrite(reason);
            run = Controller.RunAsync(stopping.Token);
        }

        public NetworkAccessController Controller { get; }

        public async Task<string> NextDropAsync(CancellationToken cancellationToken) => await drops.Reader.ReadAsync(cancellationToken);

        public async Task<string> NextCallEndAsync(CancellationToken cancellationToken) => await callEnds.Reader.ReadAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await stopping.CancelAsync();
            await run;
            await Controller.DisposeAsync();
        }
    }
}
