using Bench.Hardware.Simulation.Link;

namespace Bench.Hardware.Tests.Link;

[TestFixture]
public sealed class LinkConditionsTests
{
    [Test]
    public void Stacked_layers_add_delays_compound_losses_and_keep_the_narrowest_limits()
    {
        var signal = new LinkConditions { LossProbability = 0.5, Latency = TimeSpan.FromMilliseconds(40) };
        var injection = new LinkConditions
        {
            LossProbability = 0.2,
            Latency = TimeSpan.FromMilliseconds(200),
            Jitter = TimeSpan.FromMilliseconds(10),
            BandwidthBytesPerSecond = 1000,
            ResetPeerAfter = TimeSpan.FromSeconds(9),
        };
        var other = new LinkConditions { BandwidthBytesPerSecond = 500, Blackhole = true, ResetPeerAfter = TimeSpan.FromSeconds(3) };

        LinkConditions combined = LinkConditions.Combine([signal, injection, other]);

        Assert.Multiple(() =>
        {
            Assert.That(combined.Latency, Is.EqualTo(TimeSpan.FromMilliseconds(240)));
            Assert.That(combined.Jitter, Is.EqualTo(TimeSpan.FromMilliseconds(10)));
            Assert.That(combined.LossProbability, Is.EqualTo(1 - (0.5 * 0.8)).Within(1e-12));
            Assert.That(combined.BandwidthBytesPerSecond, Is.EqualTo(500));
            Assert.That(combined.Blackhole, Is.True);
            Assert.That(combined.ResetPeerAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(LinkConditions.Combine([]), Is.EqualTo(LinkConditions.None));
        });
    }

    [Test]
    public void Out_of_range_conditions_are_refused_naming_the_layer_and_the_value()
    {
        var stack = new LinkConditionStack(LinkDirection.Upstream);

        Assert.That(
            () => stack.Set("fault", new LinkConditions { LossProbability = 1 }),
            Throws.ArgumentException.With.Message.EqualTo("link conditions layer 'fault' (upstream): LossProbability must be at least 0 and below 1, was 1"));
        Assert.That(
            () => stack.Set("fault", new LinkConditions { Latency = TimeSpan.FromSeconds(-1) }),
            Throws.ArgumentException.With.Message.Contains("Latency must not be negative"));
        Assert.That(
            () => stack.Set("fault", new LinkConditions { Slicer = new LinkSlicer(4, 4, TimeSpan.Zero) }),
            Throws.ArgumentException.With.Message.Contains("Slicer.SizeVariation must be at least 0 and below the average size, was 4"));
        Assert.That(stack.Layers, Is.Empty, "a refused layer changes nothing");
    }

    [Test]
    public void Removing_one_layer_leaves_the_others()
    {
        var stack = new LinkConditionStack(LinkDirection.Upstream);
        stack.Set("signal", new LinkConditions { LossProbability = 0.1 });
        stack.Set("latency", new LinkConditions { Latency = TimeSpan.FromSeconds(1) });

        Assert.That(stack.Remove("latency"), Is.True);
        Assert.That(stack.Remove("latency"), Is.False);

        Assert.That(stack.Effective, Is.EqualTo(new LinkConditions { LossProbability = 0.1 }));
    }
}
