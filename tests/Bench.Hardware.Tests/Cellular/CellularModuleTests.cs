using System.Net.Sockets;
using Bench.Hardware.Simulation;
using Bench.Hardware.Simulation.Cellular;
using Bench.Hardware.Simulation.Link;
using Bench.Hardware.Tests.Link;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests.Cellular;

[TestFixture]
public sealed class CellularModuleTests
{
    private static readonly TimeSpan AttachTime = TimeSpan.FromSeconds(5);
    private FakeTimeProvider clock = null!;
    private SimulatedRig rig = null!;
    private UpstreamServer host = null!;
    private SimulatedCellularNetwork network = null!;
    private List<CellularServiceChange> changes = null!;

    private CellularModule Module => network.Module;

    [SetUp]
    public void SetUp()
    {
        clock = new FakeTimeProvider();
        rig = TestRigs.Create(clock);
        host = new UpstreamServer();
        Build(new CellularSettings { AttachTime = AttachTime, BaseRsrpDbm = -70 });
    }

    [TearDown]
    public async Task TearDown()
    {
        await network.DisposeAsync();
        host.Dispose();
        rig.Dispose();
    }

    [Test]
    public void The_module_registers_attach_time_after_power_up()
    {
        Assert.That(Module.State, Is.EqualTo(CellularServiceState.Attaching));
        clock.Advance(AttachTime - TimeSpan.FromTicks(1));
        Assert.That(Module.IsRegistered, Is.False);

        clock.Advance(TimeSpan.FromTicks(1));

        Assert.That(Module.IsRegistered, Is.True);
        Assert.That(Module.Session!.Number, Is.EqualTo(1));
        Assert.That(Module.Describe(), Is.EqualTo("registered, session 1, RSRP -70 dBm"));
    }

    [Test]
    public async Task Without_sim_power_there_is_no_registration_and_no_socket()
    {
        await TestRigs.AdvanceThrough(clock, () => rig.Rig.SetSimPowerAsync(false), TestRigs.Settle);
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.That(Module.State, Is.EqualTo(CellularServiceState.NoSim));
        Assert.That(Module.IsRegistered, Is.False);
        Assert.That(
            async () => await Module.OpenSocketAsync(CancellationToken.None),
            Throws.InstanceOf<CellularServiceException>().With.Message.EqualTo("no data session: SIM unpowered"));
    }

    [Test]
    public async Task Registration_comes_attach_time_after_sim_power_returns_with_a_new_session()
    {
        clock.Advance(AttachTime);
        await TestRigs.AdvanceThrough(clock, () => rig.Rig.SetSimPowerAsync(false), TestRigs.Settle);
        clock.Advance(TimeSpan.FromSeconds(30));
        long simOn = 0;
        rig.Harness.SimPowerChanged += (_, change) => simOn = change.IsOn ? change.Timestamp : simOn;

        await TestRigs.AdvanceThrough(clock, () => rig.Rig.SetSimPowerAsync(true), TestRigs.Settle);
        clock.Advance(AttachTime - TestRigs.Settle - TimeSpan.FromTicks(1));
        Assert.That(Module.IsRegistered, Is.False);
        clock.Advance(TimeSpan.FromTicks(1));

        CellularServiceChange registered = changes.Last();
        Assert.Multiple(() =>
        {
            Assert.That(registered.State, Is.EqualTo(CellularServiceState.Registered));
            Assert.That(clock.GetElapsedTime(simOn, registered.Timestamp), Is.EqualTo(AttachTime));
            Assert.That(registered.Session!.Number, Is.EqualTo(2), "a new attach is a new session");
            Assert.That(changes.Select(c => c.State), Is.EqualTo(new[]
            {
                CellularServiceState.Registered, CellularServiceState.NoSim, CellularServiceState.Attaching, CellularServiceState.Registered,
            }));
            Assert.That(changes[1].EndedSession!.Number, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_sim_cut_kills_an_open_connection_at_both_ends()
    {
        clock.Advance(AttachTime);
        using Socket terminal = await Module.OpenSocketAsync(CancellationToken.None);
        Socket server = await host.AcceptAsync();
        await terminal.SendAsync(LinkProbe.Bytes(8));
        Assert.That(await LinkProbe.ReadExactlyAsync(server, 8), Is.EqualTo(LinkProbe.Bytes(8)), "the session carries data");

        await TestRigs.AdvanceThrough(clock, () => rig.Rig.SetSimPowerAsync(false), TestRigs.Settle);

        Assert.That(await LinkProbe.ReadToEndAsync(terminal), Is.EqualTo(SocketError.ConnectionReset));
        Assert.That(await LinkProbe.ReadToEndAsync(server), Is.EqualTo(SocketError.ConnectionReset));
        Assert.That(Module.Link.Connections, Is.Empty);
        Assert.That(Module.Session, Is.Null);
    }

    [Test]
    public async Task A_terminal_power_cut_ends_the_session_too()
    {
        clock.Advance(AttachTime);

        await TestRigs.AdvanceThrough(clock, () => rig.Rig.SetTerminalPowerAsync(false), TestRigs.Settle);

        Assert.That(Module.State, Is.EqualTo(CellularServiceState.Unpowered));
        Assert.That(changes.Last().EndedSession!.Number, Is.EqualTo(1));
    }

    [Test]
    public void Rsrp_follows_the_attenuator_and_sets_the_links_loss()
    {
        List<CellularSignal> signals = [];
        Module.SignalChanged += (_, signal) => signals.Add(signal);

        rig.Rig.SetAttenuation(20);

        Assert.Multiple(() =>
        {
            Assert.That(Module.RsrpDbm, Is.EqualTo(-90));
            Assert.That(signals.Single().RsrpDbm, Is.EqualTo(-90));
            double expected = SignalLossModel.Default.LossProbability(-90);
            Assert.That(signals.Single().LossProbability, Is.EqualTo(expected));
            Assert.That(Module.Link.Upstream.Effective.LossProbability, Is.EqualTo(expected));
            Assert.That(Module.Link.Downstream.Layers[CellularModule.SignalLayer].LossProbability, Is.EqualTo(expected));
        });
    }

    [Test]
    public async Task At_or_below_minus_120_dBm_there_is_no_link_and_recovery_needs_a_new_attach()
    {
        await network.DisposeAsync();
        Build(new CellularSettings { AttachTime = AttachTime, BaseRsrpDbm = -95 });
        clock.Advance(AttachTime);
        using Socket terminal = await Module.OpenSocketAsync(CancellationToken.None);
        Socket server = await host.AcceptAsync();

        rig.Rig.SetAttenuation(25);

        Assert.That(Module.RsrpDbm, Is.EqualTo(-120));
        Assert.That(Module.State, Is.EqualTo(CellularServiceState.NoSignal));
        Assert.That(await LinkProbe.ReadToEndAsync(terminal), Is.EqualTo(SocketError.ConnectionReset));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.That(Module.IsRegistered, Is.False);

        rig.Rig.SetAttenuation(24.5);
        Assert.That(Module.State, Is.EqualTo(CellularServiceState.Attaching));
        clock.Advance(AttachTime);
        Assert.That(Module.Session!.Number, Is.EqualTo(2));
        server.Dispose();
    }

    [Test]
    public async Task A_sim_out_of_balance_registers_but_passes_no_data_beyond_the_quota()
    {
        clock.Advance(AttachTime);
        Module.SetDataQuota(10);
        using Socket terminal = await Module.OpenSocketAsync(CancellationToken.None);
        Socket server = await host.AcceptAsync();

        await terminal.SendAsync(LinkProbe.Bytes(25));
        Assert.That(await LinkProbe.ReadExactlyAsync(server, 10), Is.EqualTo(LinkProbe.Bytes(10)));
        await LinkProbe.Quiet();

        Assert.That(server.Available, Is.Zero);
        Assert.That(Module.IsRegistered, Is.True);
        Assert.That(Module.DataQuotaRemaining, Is.Zero);
        Assert.That(Module.Link.BytesBlackholed, Is.EqualTo(15));
    }

    [Test]
    public void Bad_settings_are_refused_before_anything_starts()
    {
        Assert.That(
            () => new SimulatedCellularNetwork(rig.Harness, clock, new CellularSettings { AttachTime = TimeSpan.FromSeconds(-1) }, host.EndPoint, seed: 1),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("cellular.attachTime must not be negative"));
    }

    private void Build(CellularSettings settings)
    {
        network = new SimulatedCellularNetwork(rig.Harness, clock, settings, host.EndPoint, seed: 1);
        changes = [];
        network.Module.ServiceChanged += (_, change) => changes.Add(change);
    }
}
