using Bench.Campaigns.Fixtures;
using Bench.Hardware.Simulation.Link;

namespace Bench.Campaigns.Tests.Capture;

public sealed class LinkFaultsLoaderTests
{
    [Test]
    public void The_shipped_faults_file_loads_every_condition()
    {
        var faults = LinkFaultsLoader.Load(RepositoryFiles.Fixture("links/slow-host-link.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(faults.Seed, Is.EqualTo(7));
            Assert.That(faults.Upstream.Latency, Is.EqualTo(TimeSpan.FromMilliseconds(150)));
            Assert.That(faults.Upstream.Jitter, Is.EqualTo(TimeSpan.FromMilliseconds(20)));
            Assert.That(faults.Upstream.BandwidthBytesPerSecond, Is.EqualTo(2400));
            Assert.That(faults.Upstream.Slicer, Is.EqualTo(new LinkSlicer(16, 8, TimeSpan.FromMilliseconds(5))));
            Assert.That(faults.Downstream.LossProbability, Is.EqualTo(0.02));
            Assert.That(faults.Downstream.Slicer, Is.Null);
            Assert.That(faults.QuotaBytes, Is.Null);
        });
    }

    [Test]
    public void Every_kind_of_fault_can_be_written()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("faults.yaml", """
            quota: 300
            upstream:
              blackhole: true
              resetPeer: 2s
            downstream:
              bandwidth: 100
            """);

        var faults = LinkFaultsLoader.Load(file);

        Assert.Multiple(() =>
        {
            Assert.That(faults.QuotaBytes, Is.EqualTo(300));
            Assert.That(faults.Upstream.Blackhole, Is.True);
            Assert.That(faults.Upstream.ResetPeerAfter, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(faults.Downstream.BandwidthBytesPerSecond, Is.EqualTo(100));
            Assert.That(faults.Describe(), Is.EqualTo(new[] { "upstream: blackhole, reset peer after 2s", "downstream: bandwidth 100 B/s", "quota: 300 bytes" }));
        });
    }

    [TestCase("upstream:\n  latncy: 1s\n", 2, 3, "upstream.latncy: unknown key (did you mean 'latency'?)")]
    [TestCase("downstream:\n  loss: 1\n", 2, 3, "downstream.loss: must be a probability from 0 up to (not including) 1 (got 1)")]
    [TestCase("upstream:\n  bandwidth: 0\n", 2, 3, "upstream.bandwidth: must be a positive number of bytes per second")]
    [TestCase("upstream:\n  latency: 2h\n", 2, 3, "upstream.latency: must be at most 3600s")]
    [TestCase("upstream:\n  jitter: 100\n", 2, 3, "upstream.jitter: must be a duration with a unit")]
    [TestCase("upstream:\n  slicer:\n    averageSize: 4\n    sizeVariation: 4\n", 4, 5, "upstream.slicer.sizeVariation: must be 0 or more and below averageSize 4")]
    [TestCase("quota: -1\n", 1, 1, "quota: must be a number of bytes, 0 or more")]
    [TestCase("upstream: 5\n", 1, 1, "upstream: must be a mapping of keys")]
    public void A_mistake_is_reported_at_its_line_and_column(string text, int line, int column, string problem)
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("faults.yaml", text);

        Assert.That(() => LinkFaultsLoader.Load(file),
            Throws.InstanceOf<CampaignFileException>().With.Message.StartWith($"{file}:{line}:{column}: {problem}"));
    }
}
