using Bench.Campaigns.Tests.RealRig;
using Bench.Hardware;
using Bench.Hardware.Simulation;

namespace Bench.Campaigns.Tests;

/// <summary>
/// Needs the rig of the Pi this runs on: the rig file <c>BENCH_RIG_DEFINITION</c> names (default
/// fixtures/rigs/pi5-rig.yaml), opened as the bench opens it. Lives here rather than in Bench.Hardware.Tests because it
/// loads the rig YAML with the controller's loader (the hardware layer does not depend on the controller). Each device
/// path has its own tests in RealRig/.
/// </summary>
[Category("Hardware")]
public sealed class RealRigTests
{
    [Test]
    public async Task The_rig_on_this_pi_opens_and_passes_its_self_test()
    {
        using var rigUnderTest = RigUnderTest.Open();
        RigDefinition definition = rigUnderTest.Definition;
        using SimulatedRig? simulated = rigUnderTest.IsSimulated ? new SimulatedRig(definition) : null;
        using Rig? real = simulated is null ? OpenReal(definition) : null;
        Rig rig = simulated?.Rig ?? real!;

        SelfTestReport report;
        try
        {
            report = await rig.SelfTestAsync();
        }
        catch (RigFaultException fault)
        {
            Assert.Fail($"self-test of rig '{definition.Name}' ({rigUnderTest.File}): {fault.Message}");
            throw;
        }

        Assert.Multiple(() =>
        {
            Assert.That(report.VerifiedRelays, Is.Not.Empty, "no relay with a sense input was verified");
            Assert.That(report.UncheckedRelays, Is.Empty, "relays without a sense input: nothing shows that they switch");
        });
    }

    private static Rig OpenReal(RigDefinition definition)
    {
        try
        {
            return Rig.Open(definition);
        }
        catch (RigFaultException fault)
        {
            Assert.Fail(
                $"rig '{definition.Name}' could not be opened on this machine: {fault.Message}. Run the Hardware tests on the rig's Pi " +
                $"with {RigUnderTest.RigFileVariable} naming its rig file; RealRig/ has one test per device that says which one is missing");
            throw;
        }
    }
}
