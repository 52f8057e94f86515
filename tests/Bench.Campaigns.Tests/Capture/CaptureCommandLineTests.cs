using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bench.Campaigns.Tests.Cli;
using Bench.Cli;
using Bench.Codec;
using Bench.Host;
using Bench.Results;
using Bench.Results.Capture;

namespace Bench.Campaigns.Tests.Capture;

/// <summary><c>bench run</c> writes capture.pcap; <c>bench proxy</c> runs in front of a host and reports bad input in one line.</summary>
[NonParallelizable]
public sealed class CaptureCommandLineTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    [Test]
    public async Task A_run_writes_a_capture_whose_conversations_are_its_connections_and_their_frames()
    {
        Tshark.RequireInstalled();
        using var folder = new TemporaryDirectory();
        var output = Path.Combine(folder.Path, "out");
        var campaign = folder.Write("quick.yaml", CliCampaigns.Vx520("quick", 60, 30));

        var result = await BenchProcess.RunAsync(Limit, "run", campaign, "--out", output);

        var capture = Path.Combine(output, CaptureExporter.FileName);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Contain($"capture:  {capture}").And.Contain("card data masked"), result.ToString());
        using var store = ResultsStore.Open(Path.Combine(output, "results.db"));
        var run = store.ReadRuns().Single();
        var connections = store.ReadFrames(run.Id).GroupBy(frame => frame.ConnectionId).ToList();
        Assert.That(connections, Has.Count.GreaterThanOrEqualTo(2), "a sign-on and a sale at least");
        var conversations = (await Tshark.ConversationsAsync(capture)).OrderBy(item => item.AddressA, StringComparer.Ordinal).ToList();
        Assert.That(conversations, Has.Count.EqualTo(store.ReadEvents(run.Id, EventKinds.ConnectionOpened).Count).And.Count.EqualTo(connections.Count),
            "one conversation per terminal connection");
        foreach (var (conversation, frames) in conversations.Zip(connections))
        {
            int Payload(FrameDirection direction) => frames.Where(frame => frame.Direction == direction).Sum(frame => Framing.PrefixLength + frame.Body.Length);
            Assert.Multiple(() =>
            {
                Assert.That(conversation.BytesToB - Ipv4HeaderBytes(conversation.FramesToB), Is.EqualTo(Payload(FrameDirection.Received)), $"{conversation}: terminal to host");
                Assert.That(conversation.BytesToA - Ipv4HeaderBytes(conversation.FramesToA), Is.EqualTo(Payload(FrameDirection.Sent)), $"{conversation}: host to terminal");
            });
        }
    }

    [Test]
    public async Task Bench_proxy_in_front_of_the_host_prints_masked_frames_records_them_and_writes_a_capture()
    {
        using var folder = new TemporaryDirectory();
        var database = Path.Combine(folder.Path, "proxy.db");
        var capture = Path.Combine(folder.Path, "proxy.pcap");
        await using var host = new HostSimulator(new HostOptions { Port = 0 }, HostRuleSet.ApproveAll);
        host.Start();
        var port = FreeLoopbackPort();

        using var proxy = BenchProcess.Start(
            "proxy", "--listen", $"127.0.0.1:{port}", "--upstream", host.LocalEndPoint.ToString(),
            "--faults", RepositoryFiles.Fixture("links/slow-host-link.yaml"), "--db", database, "--pcap", capture);
        await using (var terminal = await ConnectWhenListeningAsync(new IPEndPoint(IPAddress.Loopback, port)))
        {
            Assert.That((await terminal.ExchangeAsync(LoopbackTerminal.SignOn(1))).Mti, Is.EqualTo("0810"));
            Assert.That((await terminal.ExchangeAsync(LoopbackTerminal.Sale(2)))[39], Is.EqualTo("00"));
            await terminal.CloseAsync();
        }
        await InterruptAsync(proxy);
        var result = await proxy.WaitAsync(Limit);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
            Assert.That(result.Output, Does.Contain($"forwarding to {host.LocalEndPoint}").And.Contain("upstream: latency 150ms, jitter 20ms"), result.ToString());
            Assert.That(result.Output, Does.Contain("p1 <- 0200").And.Contain("p1 -> 0210").And.Contain(PanMask.Mask(LoopbackTerminal.Pan)), result.ToString());
            Assert.That(result.Output + result.Error, Does.Not.Contain(LoopbackTerminal.Pan), "no full card number on the console");
            Assert.That(result.Output, Does.Contain($"capture:  {capture} (1 TCP streams, 4 frames, card data masked)"), result.ToString());
        });
        using var store = ResultsStore.Open(database);
        Assert.That(store.ReadFrames().Select(frame => frame.Mti), Is.EqualTo(new[] { "0800", "0810", "0200", "0210" }));
        Assert.That(store.ReadRuns().Single().Outcome, Is.EqualTo("stopped"));
    }

    [Test]
    public async Task Bench_host_writes_its_capture_when_stopped()
    {
        using var folder = new TemporaryDirectory();
        var capture = Path.Combine(folder.Path, "host.pcap");
        var port = FreeLoopbackPort();

        using var host = BenchProcess.Start("host", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", Path.Combine(folder.Path, "host.db"), "--pcap", capture);
        await using (var terminal = await ConnectWhenListeningAsync(new IPEndPoint(IPAddress.Loopback, port)))
        {
            await terminal.ExchangeAsync(LoopbackTerminal.Sale(1));
            await terminal.CloseAsync();
        }
        await InterruptAsync(host);
        var result = await host.WaitAsync(Limit);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Contain($"capture:  {capture} (1 TCP streams, 2 frames, card data masked)"), result.ToString());
        Assert.That(PcapFile.Read(capture).Packets.Count(packet => packet.Payload.Length > 0), Is.EqualTo(2));
    }

    [TestCase("upstream:\n  loss: 2\n", "faults.yaml:2:3: upstream.loss: must be a probability")]
    [TestCase("downstream:\n  latency: soon\n", "faults.yaml:2:3: downstream.latency: must be a duration with a unit")]
    public async Task A_bad_faults_file_is_exit_2_in_one_line_naming_the_place(string text, string fragment)
    {
        using var folder = new TemporaryDirectory();
        var faults = folder.Write("faults.yaml", text);

        var result = await BenchProcess.RunAsync(Limit, "proxy", "--upstream", "127.0.0.1:5000", "--faults", faults, "--db", Path.Combine(folder.Path, "p.db"));

        AssertBadInput(result, fragment);
    }

    [TestCase("--listen", "localhost:5001", "--listen: 'localhost:5001' is not ADDR:PORT")]
    [TestCase("--listen", "127.0.0.1", "--listen: '127.0.0.1' is not ADDR:PORT")]
    [TestCase("--upstream", "127.0.0.1:0", "--upstream: '127.0.0.1:0' is not HOST:PORT with a port 1 to 65535")]
    [TestCase("--upstream", "::1:5000", "--upstream: '::1:5000' is not HOST:PORT")]
    public async Task A_bad_address_is_exit_2_in_one_line(string option, string value, string fragment)
    {
        using var folder = new TemporaryDirectory();
        string[] arguments = option == "--upstream"
            ? ["proxy", "--upstream", value, "--db", Path.Combine(folder.Path, "p.db")]
            : ["proxy", "--upstream", "127.0.0.1:5000", option, value, "--db", Path.Combine(folder.Path, "p.db")];

        var result = await BenchProcess.RunAsync(Limit, arguments);

        AssertBadInput(result, fragment);
    }

    [Test]
    public async Task A_missing_upstream_is_exit_2()
    {
        var result = await BenchProcess.RunAsync(Limit, "proxy");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("--upstream"), result.ToString());
    }

    private static void AssertBadInput(BenchResult result, string fragment) => Assert.Multiple(() =>
    {
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.ErrorLines, Has.Count.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.StartWith("bench proxy: ").And.Contain(fragment), result.ToString());
    });

    /// <summary>Each packet's IPv4 and TCP headers: 20 bytes each, no options.</summary>
    private static int Ipv4HeaderBytes(int packets) => 40 * packets;

    /// <summary>Ctrl-C, as a user stops the command.</summary>
    private static async Task InterruptAsync(BenchProcess process)
    {
        using var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await interrupt.WaitForExitAsync();
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Connects once the process listens (it starts the .NET runtime first), bounded.</summary>
    private static async Task<LoopbackTerminal> ConnectWhenListeningAsync(IPEndPoint endPoint)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            try
            {
                return await LoopbackTerminal.ConnectAsync(endPoint);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
