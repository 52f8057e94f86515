using System.Net.Sockets;
using Bench.Hardware.Simulation;
using Bench.Hardware.Simulation.Cellular;
using Bench.Hardware.Tests.I2c;
using Bench.Hardware.Tests.Link;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests.Cellular;

/// <summary>
/// The cellular module's transmit bursts on the terminal's supply, as the rig's INA219 reads them through
/// Iot.Device.Bindings: the whole attach, each write for its air time, nothing once power or SIM is gone.
/// </summary>
[TestFixture]
public sealed class CellularTransmitCurrentTests
{
    private const double IdleMilliamperes = 150;
    private const double TransmittingMilliamperes = 150 + 350;
    private static readonly TimeSpan AttachTime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(5);
    private FakeTimeProvider clock = null!;
    private SimulatedRig rig = null!;
    private UpstreamServer host = null!;
    private SimulatedCellularNetwork network = null!;

    private double Milliamperes => rig.Rig.SupplyCurrent!.Read().Milliamperes;

    [SetUp]
    public void SetUp()
    {
        clock = new FakeTimeProvider();
        rig = new SimulatedRig(I2cTestRigs.Definition, clock);
        host = new UpstreamServer();
        network = new SimulatedCellularNetwork(rig.Harness, clock, new CellularSettings { AttachTime = AttachTime }, host.EndPoint, seed: 1);
    }

    [TearDown]
    public async Task TearDown()
    {
        await network.DisposeAsync();
        host.Dispose();
        rig.Dispose();
    }

    [Test]
    public void The_radio_transmits_through_the_attach_and_the_supply_returns_to_idle_once_registered()
    {
        Assert.That(Milliamperes, Is.EqualTo(TransmittingMilliamperes).Within(0.5), "attaching");

        clock.Advance(AttachTime);

        Assert.That(network.Module.IsRegistered, Is.True);
        Assert.That(Milliamperes, Is.EqualTo(IdleMilliamperes).Within(0.5));
    }

    [TestCase(200)]
    [TestCase(1)]
    public async Task A_write_draws_transmit_current_for_its_air_time_then_the_supply_is_idle_again(int bytes)
    {
        clock.Advance(AttachTime);
        using Socket terminal = await network.Module.OpenSocketAsync(CancellationToken.None);
        Socket server = await host.AcceptAsync();
        Assert.That(Milliamperes, Is.EqualTo(IdleMilliamperes).Within(0.5), "a connection without data sends nothing here");

        await terminal.SendAsync(LinkProbe.Bytes(bytes));
        await LinkProbe.ReadExactlyAsync(server, bytes);
        // 200 bytes and 40 of headers at 26.8 kbit/s take 71.6 ms; one byte takes the 20 ms minimum.
        TimeSpan airTime = new CellularTransmitOptions().AirTime(bytes);
        Assert.That(airTime, Is.EqualTo(bytes == 1 ? TimeSpan.FromMilliseconds(20) : TimeSpan.FromSeconds(240 * 8 / 26_800.0)).Within(TimeSpan.FromTicks(1)));

        Assert.That(Milliamperes, Is.EqualTo(TransmittingMilliamperes).Within(0.5), "the burst starts as the bytes enter the carrier");
        clock.Advance(airTime - TimeSpan.FromMilliseconds(1));
        Assert.That(Milliamperes, Is.EqualTo(TransmittingMilliamperes).Within(0.5), "still on air");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(Milliamperes, Is.EqualTo(IdleMilliamperes).Within(0.5), "the burst ended");
        Assert.That(network.Module.IsTransmitting, Is.False);
    }

    [Test]
    public async Task Writes_in_quick_succession_queue_on_air_as_one_longer_burst()
    {
        clock.Advance(AttachTime);
        using Socket terminal = await network.Module.OpenSocketAsync(CancellationToken.None);
        Socket server = await host.AcceptAsync();

        await terminal.SendAsync(LinkProbe.Bytes(1));
        await LinkProbe.ReadExactlyAsync(server, 1);
        clock.Advance(TimeSpan.FromMilliseconds(10));
        await terminal.SendAsync(LinkProbe.Bytes(1));
        await LinkProbe.ReadExactlyAsync(server, 1);

        // The second write goes on air when the first's 20 ms end: 40 ms from the first in all.
        clock.Advance(TimeSpan.FromMilliseconds(29));
        Assert.That(Milliamperes, Is.EqualTo(TransmittingMilliamperes).Within(0.5));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(Milliamperes, Is.EqualTo(IdleMilliamperes).Within(0.5));
    }

    [Test]
    public async Task A_power_cut_during_a_burst_ends_it_and_the_restored_terminal_attaches_again()
    {
        clock.Advance(AttachTime);
        using Socket terminal = await network.Module.OpenSocketAsync(CancellationToken.None);
        Socket server = await host.AcceptAsync();
        // About 6 s on air: far longer than switching the power takes, so only the cut can end the burst.
        await terminal.SendAsync(new byte[20_000]);
        await LinkProbe.ReadExactlyAsync(server, 20_000);
        Assert.That(network.Module.IsTransmitting, Is.True);

        await I2cTestRigs.RunAsync(clock, rig.Rig.SetTerminalPowerAsync(false), Step);

        Assert.Multiple(() =>
        {
            Assert.That(Milliamperes, Is.Zero, "the terminal is off");
            Assert.That(rig.Harness.TerminalSupply!.IsTransmitting, Is.False, "the burst ended with the power");
        });

        await I2cTestRigs.RunAsync(clock, rig.Rig.SetTerminalPowerAsync(true), Step);
        Assert.That(Milliamperes, Is.EqualTo(TransmittingMilliamperes).Within(0.5), "attaching again");
        clock.Advance(AttachTime);
        Assert.That(Milliamperes, Is.EqualTo(IdleMilliamperes).Within(0.5));
    }

    [Test]
    public async Task A_sim_cut_ends_the_burst_and_disposing_the_module_leaves_the_supply_idle()
    {
        await TestRigs.AdvanceThrough(clock, () => rig.Rig.SetSimPowerAsync(false), TestRigs.Settle);
        Assert.That(Milliamperes, Is.EqualTo(IdleMilliamperes).Within(0.5), "no SIM: no attach, no transmitting");

        await TestRigs.AdvanceThrough(clock, () => rig.Rig.SetSimPowerAsync(true), TestRigs.Settle);
        Assert.That(Milliamperes, Is.EqualTo(TransmittingMilliamperes).Within(0.5), "attaching");
        await network.DisposeAsync();

        Assert.That(Milliamperes, Is.EqualTo(IdleMilliamperes).Within(0.5));
    }
}
