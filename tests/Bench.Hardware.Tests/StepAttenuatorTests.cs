using System.Device.Gpio;
using Bench.Hardware.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests;

[TestFixture]
public sealed class StepAttenuatorTests
{
    private SimulatedRig rig = null!;

    [SetUp]
    public void SetUp() => rig = TestRigs.Create(new FakeTimeProvider());

    [TearDown]
    public void TearDown() => rig.Dispose();

    [TestCase(0.5)]
    [TestCase(1.0)]
    [TestCase(7.5)]
    [TestCase(10.0)]
    [TestCase(15.5)]
    [TestCase(16.0)]
    [TestCase(21.0)]
    [TestCase(31.5)]
    public void The_harness_decodes_the_bits_into_the_value_set(double decibels)
    {
        List<AttenuationChange> changes = [];
        rig.Harness.AttenuationChanged += (_, change) => changes.Add(change);

        rig.Rig.SetAttenuation(decibels);

        Assert.That(rig.Harness.AttenuationDecibels, Is.EqualTo(decibels));
        Assert.That(changes.Select(c => c.Decibels), Is.EqualTo(new[] { decibels }));
        Assert.That(rig.Rig.Attenuator!.Decibels, Is.EqualTo(decibels));
    }

    [Test]
    public void A_sequence_of_values_is_decoded_in_order()
    {
        double[] sweep = [31.5, 0, 12.5, 12.5, 20, 0.5];
        List<double> decoded = [];
        rig.Harness.AttenuationChanged += (_, change) => decoded.Add(change.Decibels);

        foreach (double decibels in sweep)
        {
            rig.Rig.SetAttenuation(decibels);
            Assert.That(rig.Harness.AttenuationDecibels, Is.EqualTo(decibels));
        }

        Assert.That(decoded, Is.EqualTo(new[] { 31.5, 0, 12.5, 20, 0.5 }), "re-latching the same value is not a change");
    }

    [TestCase(-0.5)]
    [TestCase(32.0)]
    [TestCase(0.25)]
    [TestCase(double.NaN)]
    public void Values_outside_the_range_or_between_steps_are_refused(double decibels)
    {
        Assert.That(() => rig.Rig.SetAttenuation(decibels), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(rig.Harness.AttenuationDecibels, Is.Zero);
    }

    [Test]
    public void The_word_is_shifted_most_significant_bit_first()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        using var attenuator = new StepAttenuator(controller, clockPin: 1, dataPin: 2, latchPin: 3);
        List<int> bits = [];
        driver.PinChanged += (_, change) =>
        {
            if (change.PinNumber == 1 && change.Value == PinValue.High)
            {
                bits.Add(driver.GetLevel(2) == PinValue.High ? 1 : 0);
            }
        };

        attenuator.SetAttenuation(16.5); // 33 = 0b100001

        Assert.That(bits, Is.EqualTo(new[] { 1, 0, 0, 0, 0, 1 }));
    }

    [Test]
    public void A_wider_attenuator_has_a_larger_range()
    {
        using var controller = new GpioController(new SimulatedGpioDriver());
        using var attenuator = new StepAttenuator(controller, 1, 2, 3, bits: 7, stepDecibels: 0.25);

        Assert.That(attenuator.MaximumDecibels, Is.EqualTo(31.75));
        Assert.That(attenuator.ToControlWord(31.75), Is.EqualTo(127));
    }

    [Test]
    public void An_attenuator_that_fails_to_open_its_latch_pin_closes_the_others()
    {
        var driver = new SimulatedGpioDriver(pinCount: 8);
        using var controller = new GpioController(driver);

        Assert.That(() => new StepAttenuator(controller, clockPin: 2, dataPin: 3, latchPin: 8), Throws.InstanceOf<ArgumentOutOfRangeException>());

        Assert.That(controller.IsPinOpen(2), Is.False);
        Assert.That(controller.IsPinOpen(3), Is.False);
    }
}
