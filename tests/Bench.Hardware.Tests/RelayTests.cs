using System.Device.Gpio;
using Bench.Hardware.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests;

[TestFixture]
public sealed class RelayTests
{
    private FakeTimeProvider clock = null!;
    private SimulatedRig rig = null!;

    [SetUp]
    public void SetUp()
    {
        clock = new FakeTimeProvider();
        rig = TestRigs.Create(clock);
    }

    [TearDown]
    public void TearDown() => rig.Dispose();

    [Test]
    public async Task A_healthy_relay_reads_back_what_was_commanded()
    {
        Relay relay = rig.Rig.PhoneLineRelay!;

        await TestRigs.AdvanceThrough(clock, () => relay.SetAndVerifyAsync(true), TestRigs.Settle);
        Assert.That(relay.ReadBack(), Is.True);

        await TestRigs.AdvanceThrough(clock, () => relay.SetAndVerifyAsync(false), TestRigs.Settle);
        Assert.That(relay.ReadBack(), Is.False);
    }

    [Test]
    public void A_stuck_relay_is_a_rig_fault_that_names_the_relay_and_its_pin()
    {
        rig.Harness.StickRelay(RelayRole.PhoneLine, energized: false);

        RigFaultException? fault = Assert.ThrowsAsync<RigFaultException>(
            () => TestRigs.AdvanceThrough(clock, () => rig.Rig.SetPhoneLineAsync(connected: false), TestRigs.Settle));

        Assert.That(fault!.Message, Does.Contain("relay 'phone line' on GPIO 17 reads back de-energized after 50 ms"));
        Assert.That(rig.Harness.IsPhoneLineConnected, Is.True, "a stuck relay does not cut the line");
    }

    [Test]
    public void The_read_back_is_checked_only_after_the_settle_time()
    {
        rig.Harness.StickRelay(RelayRole.SimPower, energized: false);
        Task cut = rig.Rig.SetSimPowerAsync(powered: false);

        clock.Advance(TestRigs.Settle - TimeSpan.FromMilliseconds(1));
        Assert.That(cut.IsCompleted, Is.False);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(async () => await cut.WaitAsync(TestRigs.Bound), Throws.InstanceOf<RigFaultException>());
    }

    [Test]
    public async Task A_relay_freed_again_verifies()
    {
        rig.Harness.StickRelay(RelayRole.TerminalPower, energized: true);
        Assert.That(rig.Harness.IsTerminalPowered, Is.False, "stuck energized on a normally-closed contact cuts power");

        rig.Harness.UnstickRelay(RelayRole.TerminalPower);

        Assert.That(rig.Harness.IsTerminalPowered, Is.True);
        await TestRigs.AdvanceThrough(clock, () => rig.Rig.VerifyAsync(), TestRigs.Settle);
    }

    [Test]
    public async Task A_relay_without_read_back_verifies_without_reading()
    {
        using var controller = new GpioController(new SimulatedGpioDriver(timeProvider: clock));
        using var relay = new Relay(controller, 4, activeHigh: true, senseInputPin: null, "lamp", timeProvider: clock);

        await TestRigs.AdvanceThrough(clock, () => relay.SetAndVerifyAsync(true), relay.SettleTime);

        Assert.That(relay.ReadBack(), Is.Null);
        Assert.That(controller.Read(4), Is.EqualTo(PinValue.High));
    }

    [Test]
    public void An_active_low_relay_opens_released_and_drives_low_to_energize()
    {
        var driver = new SimulatedGpioDriver(timeProvider: clock);
        using var controller = new GpioController(driver);
        using var relay = new Relay(controller, 4, activeHigh: false, senseInputPin: 7, "board", senseActiveHigh: false, timeProvider: clock);

        Assert.That(controller.Read(4), Is.EqualTo(PinValue.High));
        Assert.That(driver.GetMode(7), Is.EqualTo(PinMode.InputPullUp), "an active-low sense contact needs a pull-up");

        relay.Energize();

        Assert.That(controller.Read(4), Is.EqualTo(PinValue.Low));
        Assert.That(relay.IsEnergized, Is.True);
    }

    [Test]
    public void A_relay_that_fails_to_open_its_sense_pin_closes_its_coil_pin()
    {
        var driver = new SimulatedGpioDriver(pinCount: 8);
        using var controller = new GpioController(driver);

        Assert.That(() => new Relay(controller, pin: 5, activeHigh: true, senseInputPin: 8), Throws.InstanceOf<ArgumentOutOfRangeException>());

        Assert.That(controller.IsPinOpen(5), Is.False);
        Assert.That(() => new Relay(controller, pin: 5, activeHigh: true, senseInputPin: 6).Dispose(), Throws.Nothing, "the pin can be used again");
    }
}
