using Bench.Hardware.Simulation.Cellular;

namespace Bench.Hardware.Tests.Cellular;

[TestFixture]
public sealed class SignalLossModelTests
{
    private static readonly SignalLossModel Model = SignalLossModel.Default;

    [Test]
    public void The_default_curve_follows_the_design_bands()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Model.LossProbability(-80), Is.LessThan(0.001), "excellent: about no loss");
            Assert.That(Model.LossProbability(-90), Is.InRange(0.001, 0.01));
            Assert.That(Model.LossProbability(-100), Is.InRange(0.03, 0.15), "fair to poor");
            Assert.That(Model.LossProbability(-110), Is.EqualTo(0.45).Within(1e-12), "half the ceiling at the midpoint");
            Assert.That(Model.LossProbability(-119.5), Is.InRange(0.8, 0.9), "poor: heavy loss");
            Assert.That(Model.HasLink(-119.5), Is.True);
            Assert.That(Model.HasLink(-120), Is.False, "at -120 dBm the link fails");
        });
    }

    [Test]
    public void Loss_grows_smoothly_as_the_signal_falls()
    {
        double[] losses = [.. Enumerable.Range(0, 101).Select(i => Model.LossProbability(-70 - (0.5 * i)))];

        Assert.That(losses, Is.Ordered.Ascending);
        Assert.That(losses.Zip(losses.Skip(1), (a, b) => b - a).Max(), Is.LessThan(0.03), "no jump between 0.5 dB steps");
    }

    [Test]
    public void Bad_parameters_are_refused_by_name()
    {
        Assert.That(() => new SignalLossModel(maximumLoss: 1), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("maximumLoss"));
        Assert.That(() => new SignalLossModel(widthDb: 0), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("widthDb"));
    }
}
