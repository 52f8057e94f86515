using System.Device.Gpio;
using Bench.Hardware.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests;

[TestFixture]
public sealed class RigTests
{
    private FakeTimeProvider clock = null!;

    [SetUp]
    public void SetUp() => clock = new FakeTimeProvider();

    [Test]
    public async Task Entering_the_safe_state_undoes_every_injection_and_can_be_repeated()
    {
        using SimulatedRig simulated = TestRigs.Create(clock);
        Rig rig = simulated.Rig;
        await TestRigs.AdvanceThrough(clock, () => rig.SetTerminalPowerAsync(false), TestRigs.Settle);
        await TestRigs.AdvanceThrough(clock, () => rig.SetPhoneLineAsync(false), TestRigs.Settle);
        await TestRigs.AdvanceThrough(clock, () => rig.SetSimPowerAsync(false), TestRigs.Settle);
        rig.SetAttenuation(20);
        _ = rig.SwipeAsync();
        Assert.That(simulated.Harness.IsSolenoidEnergized, Is.True);

        rig.EnterSafeState();
        rig.EnterSafeState();

        AssertSafe(simulated);
        Assert.That(rig.IsTerminalPowered && rig.IsPhoneLineConnected && rig.IsSimPowered, Is.True);
        await TestRigs.AdvanceThrough(clock, () => rig.VerifyAsync(), TestRigs.Settle);
    }

    [Test]
    public async Task Disposing_the_rig_releases_its_lines_which_with_normally_closed_relays_is_the_safe_state()
    {
        var driver = new SimulatedGpioDriver(timeProvider: clock);
        using var harness = new WiringHarness(driver, SimulatedRig.DefaultDefinition);
        using var controller = new GpioController(driver);
        var rig = new Rig(SimulatedRig.DefaultDefinition, controller, clock);
        await TestRigs.AdvanceThrough(clock, () => rig.SetTerminalPowerAsync(false), TestRigs.Settle);
        await TestRigs.AdvanceThrough(clock, () => rig.SetPhoneLineAsync(false), TestRigs.Settle);
        rig.SetAttenuation(31.5);

        rig.Dispose();

        Assert.Multiple(() =>
        {
            foreach (PinAssignment pin in SimulatedRig.DefaultDefinition.PinAssignments())
            {
                Assert.That(controller.IsPinOpen(pin.Pin), Is.False, $"the rig closes {pin.Use}");
                Assert.That(driver.GetMode(pin.Pin), Is.EqualTo(PinMode.Input), $"{pin.Use} is released, driven no more");
            }

            // Released coils de-energize; through normally-closed contacts that powers and connects the terminal.
            Assert.That(harness.IsTerminalPowered, Is.True);
            Assert.That(harness.IsPhoneLineConnected, Is.True);
            Assert.That(harness.IsSimPowered, Is.True);
            Assert.That(harness.IsSolenoidEnergized, Is.False);
            Assert.That(harness.AttenuationDecibels, Is.Zero, "the chip keeps the 0 dB the rig latched before closing");
            Assert.That(() => controller.OpenPin(17), Throws.Nothing, "the caller still owns the controller");
        });
    }

    [Test]
    public void A_normally_open_relay_opens_its_circuit_once_the_rig_releases_its_line()
    {
        RigDefinition normallyOpen = SimulatedRig.DefaultDefinition with
        {
            TerminalPower = new RelayDefinition { Pin = 5, SensePin = 6, Contact = RelayContact.NormallyOpen },
        };
        var driver = new SimulatedGpioDriver(timeProvider: clock);
        using var harness = new WiringHarness(driver, normallyOpen);
        using var controller = new GpioController(driver);
        var rig = new Rig(normallyOpen, controller, clock);
        Assert.That(harness.IsTerminalPowered, Is.True, "the safe state energizes a normally-open power relay");

        rig.Dispose();

        Assert.That(harness.IsTerminalPowered, Is.False, "a released line cannot hold a coil energized");
    }

    [Test]
    public async Task The_self_test_toggles_every_relay_and_reports_them()
    {
        using SimulatedRig simulated = TestRigs.Create(clock);
        List<bool> power = [];
        simulated.Harness.TerminalPowerChanged += (_, change) => power.Add(change.IsOn);

        SelfTestReport report = await RunSelfTest(simulated.Rig);

        Assert.That(report.VerifiedRelays, Is.EqualTo(new[] { "terminal power", "phone line", "SIM power" }));
        Assert.That(report.UncheckedRelays, Is.Empty);
        Assert.That(power, Is.EqualTo(new[] { false, true }));
        AssertSafe(simulated);
    }

    [Test]
    public void The_self_test_finds_a_stuck_relay_and_leaves_the_rig_safe()
    {
        using SimulatedRig simulated = TestRigs.Create(clock);
        simulated.Harness.StickRelay(RelayRole.SimPower, energized: false);

        RigFaultException? fault = Assert.ThrowsAsync<RigFaultException>(() => RunSelfTest(simulated.Rig));

        Assert.That(fault!.Message, Does.Contain("relay 'SIM power' on GPIO 22"));
        Assert.That(simulated.Rig.IsSimPowered, Is.True);
        AssertSafe(simulated);
    }

    [Test]
    public void A_device_that_is_not_fitted_is_a_rig_fault()
    {
        RigDefinition bare = new() { Name = "bare", GpioDriver = GpioDriverKind.Simulated };
        using var simulated = new SimulatedRig(bare, clock);

        Assert.That(() => simulated.Rig.SetAttenuation(3), Throws.InstanceOf<RigFaultException>().With.Message.Contains("no step attenuator"));
        Assert.That(() => simulated.Rig.SwipeAsync(), Throws.InstanceOf<RigFaultException>());
        Assert.That(() => simulated.Rig.SetSimPowerAsync(false), Throws.InstanceOf<RigFaultException>());
        Assert.That(simulated.Rig.IsTerminalPowered, Is.True);
        Assert.That(() => simulated.Rig.EnterSafeState(), Throws.Nothing);
    }

    [Test]
    public void A_pin_already_in_use_makes_opening_the_rig_a_rig_fault()
    {
        using var controller = new GpioController(new SimulatedGpioDriver(timeProvider: clock));
        controller.OpenPin(17, PinMode.Output);

        Assert.That(
            () => new Rig(SimulatedRig.DefaultDefinition, controller, clock),
            Throws.InstanceOf<RigFaultException>().With.Message.Contains("GPIO 17 (phone line relay) is already in use"));
        Assert.That(controller.IsPinOpen(18), Is.False, "nothing stays open after a failed start");
    }

    [Test]
    public void A_definition_that_wires_one_pin_twice_is_a_rig_fault()
    {
        RigDefinition clash = SimulatedRig.DefaultDefinition with
        {
            SimPower = new RelayDefinition { Pin = 22, SensePin = 27 },
        };

        Assert.That(
            () => new SimulatedRig(clash, clock),
            Throws.InstanceOf<RigFaultException>().With.Message.Contains("GPIO 27 to more than one use: phone line sense, SIM power sense"));
    }

    [Test]
    public void A_real_rig_refuses_the_simulated_driver()
    {
        Assert.That(() => Rig.CreateController(SimulatedRig.DefaultDefinition), Throws.ArgumentException);
    }

    private static void AssertSafe(SimulatedRig simulated)
    {
        Assert.That(simulated.Harness.IsTerminalPowered, Is.True);
        Assert.That(simulated.Harness.IsPhoneLineConnected, Is.True);
        Assert.That(simulated.Harness.IsSimPowered, Is.True);
        Assert.That(simulated.Harness.AttenuationDecibels, Is.Zero);
        Assert.That(simulated.Harness.IsSolenoidEnergized, Is.False);
    }

    // The self-test settles each relay in turn; advance the fake clock one settle time at a time.
    private async Task<SelfTestReport> RunSelfTest(Rig rig)
    {
        Task<SelfTestReport> selfTest = rig.SelfTestAsync();
        for (int step = 0; step < 100 && !selfTest.IsCompleted; step++)
        {
            clock.Advance(TestRigs.Settle);
        }

        return await selfTest.WaitAsync(TestRigs.Bound);
    }
}
