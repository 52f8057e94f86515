using Bench.Cli.Commands;
using Bench.Hardware;

namespace Bench.Campaigns.Tests.Cli;

/// <summary><c>bench rig check</c> on the simulated rigs: exit codes and the table.</summary>
public sealed class RigCheckCommandTests
{
    [TestCase("simulated.yaml")]
    [TestCase("simulated-i2c.yaml")]
    public async Task Every_channel_passes_on_a_simulated_rig_file(string file)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = await RigCheckCommand.RunAsync(RepositoryFiles.Fixture(Path.Combine("rigs", file)), [], output, error, null, CancellationToken.None);

        Assert.That(exit, Is.Zero, output + error.ToString());
        Assert.That(output.ToString(), Does.Contain("channel").And.Contain("verdict").And.Not.Contain(" fail"));
    }

    [Test]
    public async Task A_stuck_relay_is_a_rig_fault_and_the_rig_ends_in_its_safe_state()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Bench.Hardware.Simulation.SimulatedRig? simulated = null;

        int exit = await RigCheckCommand.RunAsync(
            RepositoryFiles.Fixture(Path.Combine("rigs", "simulated-i2c.yaml")),
            [],
            output,
            error,
            rig =>
            {
                simulated = rig;
                rig.Harness.StickRelay(RelayRole.PhoneLine, energized: false);
            },
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(3));
            Assert.That(output.ToString().Split('\n').Single(row => row.Contains("cut line", StringComparison.Ordinal)),
                Does.StartWith("phone line relay (expander 'relayExpander' pin 1)").And.EndWith("fail"));
            Assert.That(output.ToString(), Does.Contain("FAILED"));
            Assert.That(error.ToString(), Does.StartWith("bench rig check: rig fault: 1 step(s) failed, first phone line relay"));
            Assert.That(simulated!.Harness.IsTerminalPowered, Is.True);
        });
    }

    [Test]
    public async Task A_dead_current_monitor_is_a_rig_fault_naming_its_channel()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = await RigCheckCommand.RunAsync(
            RepositoryFiles.Fixture(Path.Combine("rigs", "simulated-i2c.yaml")),
            [],
            output,
            error,
            rig => rig.I2cBus.Chips["supplyMonitor"].IsResponding = false,
            CancellationToken.None);

        var supplyRows = output.ToString().Split('\n').Where(row => row.StartsWith("supply current (INA219 'supplyMonitor')", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(3), output + error.ToString());
            Assert.That(supplyRows, Is.Not.Empty, output.ToString());
            Assert.That(supplyRows, Has.All.Contain("no acknowledge").And.All.EndWith("fail"), output.ToString());
            Assert.That(error.ToString(), Does.StartWith("bench rig check: rig fault:").And.Contain("supply current (INA219 'supplyMonitor')"));
        });
    }

    [Test]
    public async Task A_bad_rig_file_exits_2_with_its_location()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("rig.yaml", "name: bad\nswiper: servo\n");
        var error = new StringWriter();

        int exit = await RigCheckCommand.RunAsync(file, [], new StringWriter(), error, null, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error.ToString(), Does.StartWith($"bench rig check: {file}:2:1: swiper: is servo, but the rig has no servo: section"));
    }

    [Test]
    public void The_command_is_registered_as_rig_check()
    {
        var rig = RigCheckCommand.Create();

        Assert.That(rig.Name, Is.EqualTo("rig"));
        Assert.That(rig.Subcommands.Select(command => command.Name), Is.EqualTo(new[] { "check" }));
    }
}
