using System.Net.Sockets;
using Bench.Codec;
using Bench.Hardware;
using Bench.Hardware.Ecr;
using Bench.Hardware.Simulation;
using Bench.Hardware.Simulation.Cellular;
using Bench.SimulatedTerminal.Modem;
using Microsoft.Extensions.Time.Testing;

namespace Bench.SimulatedTerminal.Tests;

public sealed class CellularModemDriverTests
{
    private static readonly CellularSettings Settings = new() { AttachTime = TimeSpan.FromSeconds(5), BaseRsrpDbm = -70 };
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Settle = SimulatedRig.DefaultDefinition.SimPower!.SettleTime;

    [Test]
    public async Task Open_waits_for_registration_then_connects_through_the_data_session()
    {
        await using var bench = new CellularBench();
        await bench.SetSimPowerAsync(false);
        var connected = new List<string>();
        await using var driver = new CellularModemDriver(bench.Network.Module, ConnectTimeout, bench.Clock);
        driver.Connected += connected.Add;

        var opening = driver.OpenAsync(bench.Token);
        await bench.SetSimPowerAsync(true);
        bench.Clock.Advance(Settings.AttachTime - Settle - TimeSpan.FromTicks(1));
        await Task.Delay(100);
        Assert.That(opening.IsCompleted, Is.False, "not registered yet");
        bench.Clock.Advance(TimeSpan.FromTicks(1));
        await using var stream = await opening.WaitAsync(bench.Token);

        await stream.WriteAsync(IsoCodec.Cup.EncodeFrame(SignOn()), bench.Token);
        var request = await bench.Host.WaitForAsync(MessageTypes.NetworkManagementRequest, bench.Token);
        Assert.That(request.Stan, Is.EqualTo("000001"));
        Assert.That(connected, Is.EqualTo(new[] { "PDP ACTIVE RSRP -70 dBm" }));
        Assert.That(driver.Medium, Is.EqualTo("cellular"));
    }

    [Test]
    public async Task Without_registration_within_the_connect_timeout_the_result_is_no_service()
    {
        await using var bench = new CellularBench();
        await bench.SetSimPowerAsync(false);
        await using var driver = new CellularModemDriver(bench.Network.Module, ConnectTimeout, bench.Clock);

        var opening = driver.OpenAsync(bench.Token);
        bench.Clock.Advance(ConnectTimeout);

        var failure = Assert.ThrowsAsync<ModemException>(async () => await opening.WaitAsync(bench.Token));
        Assert.That(failure!.Result, Is.EqualTo("NO SERVICE"));
        Assert.That(failure.Message, Is.EqualTo("not registered within 00:00:30: SIM unpowered"));
    }

    [Test]
    public async Task A_sim_cut_ends_the_stream_the_firmware_reads()
    {
        await using var bench = new CellularBench();
        bench.Clock.Advance(Settings.AttachTime);
        await using var driver = new CellularModemDriver(bench.Network.Module, ConnectTimeout, bench.Clock);
        await using var stream = await driver.OpenAsync(bench.Token);
        bench.Host.Respond = _ => null;
        await stream.WriteAsync(IsoCodec.Cup.EncodeFrame(SignOn()), bench.Token);
        await bench.Host.WaitForAsync(MessageTypes.NetworkManagementRequest, bench.Token);

        var reading = stream.ReadAsync(new byte[64], bench.Token).AsTask();
        await bench.SetSimPowerAsync(false);

        Assert.That(async () => await reading.WaitAsync(bench.Token), Throws.InstanceOf<IOException>().With.InnerException.InstanceOf<SocketException>());
        Assert.That(bench.Network.Module.State, Is.EqualTo(CellularServiceState.NoSim));
    }

    [Test]
    public async Task A_terminal_completes_a_sale_through_the_cellular_module()
    {
        // As the station runs it: the shared clock 20x faster than real time, the rig's pins driving the module.
        var time = new ScaledTimeProvider(20);
        using var rig = new SimulatedRig(SimulatedRig.DefaultDefinition, time);
        await using var host = new FakeHost(TerminalRig.MacKey());
        await using var network = new SimulatedCellularNetwork(rig.Harness, time, Settings, host.EndPoint, seed: 2024);
        var profile = TerminalRig.DefaultProfile with { Link = LinkKind.Cellular, Cellular = Settings };
        await using var modem = new CellularModemDriver(network.Module, profile.ConnectTimeout, time);
        using var cable = await SerialCable.CreateAsync();
        string flash = Path.Combine(Path.GetTempPath(), "bench-terminal-" + Guid.NewGuid().ToString("N"));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await using var terminal = new SimulatedTerminal(profile, new SimulatedTerminalOptions(host.EndPoint, flash, TerminalRig.MacKey()) { Modem = modem }, cable.TerminalEnd, time);
            await using var ecr = new EcrClient(cable.ControllerEnd);

            terminal.PowerOn();
            await ecr.WaitForAsync(line => line.Kind == EcrLineKind.Ready, 0, deadline.Token);
            int mark = ecr.LineCount;
            var sale = ecr.SaleAsync(4_200, deadline.Token);
            await ecr.WaitForAsync(line => line.Kind == EcrLineKind.PromptCard, mark, deadline.Token);
            Assert.That(terminal.Swipe(TerminalRig.Card.RawTrack), Is.True);
            var result = await sale;

            Assert.Multiple(() =>
            {
                Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
                Assert.That(host.Received.Select(m => m.Mti), Is.EqualTo(new[] { MessageTypes.NetworkManagementRequest, MessageTypes.FinancialRequest }));
                Assert.That(terminal.ConsoleLines.Select(l => l.Text), Has.Some.EqualTo("MODEM cellular PDP ACTIVE RSRP -70 dBm"));
                Assert.That(network.Link.BytesUpstream, Is.GreaterThan(0), "the frames crossed the emulated link");
                Assert.That(network.Link.BytesDownstream, Is.GreaterThan(0));
                Assert.That(network.Module.Session!.Number, Is.EqualTo(1));
            });
        }
        finally
        {
            try { Directory.Delete(flash, recursive: true); } catch (IOException) { }
        }
    }

    private static IsoMessage SignOn() =>
        new MessageFactory(new TerminalIdentity("12345678", "123456789012345")).SignOn("000001", "000001");

    /// <summary>A simulated rig on a fake clock, a fake host, and the cellular network between them.</summary>
    private sealed class CellularBench : IAsyncDisposable
    {
        private readonly CancellationTokenSource deadline = new(TimeSpan.FromSeconds(20));

        public CellularBench()
        {
            Rig = new SimulatedRig(SimulatedRig.DefaultDefinition, Clock);
            Host = new FakeHost(TerminalRig.MacKey());
            Network = new SimulatedCellularNetwork(Rig.Harness, Clock, Settings, Host.EndPoint, seed: 1);
        }

        public FakeTimeProvider Clock { get; } = new();
        public SimulatedRig Rig { get; }
        public FakeHost Host { get; }
        public SimulatedCellularNetwork Network { get; }
        public CancellationToken Token => deadline.Token;

        /// <summary>Switches the SIM relay through the rig, as the station does, letting the relay settle on the fake clock.</summary>
        public async Task SetSimPowerAsync(bool powered)
        {
            var switching = Rig.Rig.SetSimPowerAsync(powered, Token);
            Clock.Advance(Settle);
            await switching.WaitAsync(Token);
        }

        public async ValueTask DisposeAsync()
        {
            await Network.DisposeAsync();
            await Host.DisposeAsync();
            Rig.Dispose();
            deadline.Dispose();
        }
    }
}
