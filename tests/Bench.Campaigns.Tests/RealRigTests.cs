using Bench.Campaigns.Fixtures;
using Bench.Hardware;

namespace Bench.Campaigns.Tests;

/// <summary>
/// Needs the rig of the Pi this runs on. Lives here rather than in Bench.Hardware.Tests because it loads the
/// rig YAML with <see cref="RigDefinitionLoader"/> (the hardware layer does not depend on the controller).
/// </summary>
[Category("Hardware")]
public sealed class RealRigTests
{
    [Test]
    public async Task The_rig_on_this_pi_passes_its_self_test()
    {
        // Names the rig definition YAML of the Pi this runs on; without it there is no rig to test.
        var path = Environment.GetEnvironmentVariable("BENCH_RIG_DEFINITION");
        if (string.IsNullOrEmpty(path))
        {
            Assert.Ignore("BENCH_RIG_DEFINITION is not set: no rig attached");
        }

        using var rig = Rig.Open(RigDefinitionLoader.Load(path));
        var report = await rig.SelfTestAsync();

        Assert.That(report.VerifiedRelays, Is.Not.Empty);
    }
}
