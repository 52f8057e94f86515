using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>A firmware that stops on an internal error still answers its ECR port, so the controller never waits for nothing.</summary>
public sealed class FirmwareFaultTests
{
    [Test]
    public async Task A_fault_at_boot_is_announced_and_every_sale_is_answered_until_the_power_is_cycled()
    {
        await using var rig = await TerminalRig.CreateAsync();
        rig.CorruptFlash("counters");

        rig.Terminal.PowerOn();
        var fault = await rig.Ecr.WaitForAsync(l => l.Kind == EcrLineKind.Error, 0, rig.Token);

        Assert.That(fault.Text, Is.EqualTo(EcrProtocol.FirmwareFault));
        var sale = Assert.ThrowsAsync<EcrProtocolException>(async () => await rig.Ecr.SaleAsync(100, rig.Token));
        Assert.That(sale!.Message, Does.Contain("FIRMWARE FAULT"));
        Assert.That((await rig.Ecr.StatusAsync(rig.Token)).Text, Does.StartWith("STATUS FAULT "));
        Assert.That(rig.Terminal.IsPoweredOn, Is.True, "a faulted terminal is still powered");

        rig.Terminal.PowerOff();
        File.Delete(Path.Combine(rig.FlashDirectory, "counters.json"));
        await rig.PowerOnAsync();

        Assert.That((await rig.SellAsync(100)).Outcome, Is.EqualTo(EcrSaleOutcome.Approved), "a power cycle clears the fault");
    }

    [Test]
    public async Task A_fault_during_a_sale_ends_the_sale_with_an_error_instead_of_silence()
    {
        await using var rig = await TerminalRig.StartAsync();
        rig.CorruptFlash("journal");

        var error = Assert.ThrowsAsync<EcrProtocolException>(async () => await rig.SellAsync(100));

        Assert.That(error!.Message, Does.Contain("FIRMWARE FAULT"));
        Assert.That(rig.Terminal.PendingReversal, Is.Not.Null, "the approved but unrecorded sale still needs reversing");
    }
}
