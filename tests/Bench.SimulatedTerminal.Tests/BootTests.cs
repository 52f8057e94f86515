using Bench.Codec;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Tests;

public sealed class BootTests
{
    [Test]
    public async Task PowerOn_boots_signs_on_and_takes_the_batch_from_field_60()
    {
        await using var rig = await TerminalRig.StartAsync();

        var signOn = await rig.Host.WaitForAsync(MessageTypes.NetworkManagementRequest, rig.Token);
        var kinds = rig.Ecr.Lines.Select(l => l.Kind).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(kinds, Is.EqualTo(new[]
            {
                EcrLineKind.Booting, EcrLineKind.SigningOn, EcrLineKind.Connecting, EcrLineKind.Connected,
                EcrLineKind.Received, EcrLineKind.SignedOn, EcrLineKind.Ready,
            }));
            Assert.That(signOn.TerminalId, Is.EqualTo("12345678"));
            Assert.That(signOn.Stan, Is.EqualTo("000001"));
            Assert.That(rig.Terminal.State, Is.EqualTo(TerminalState.Idle));
            Assert.That(rig.Terminal.IsSignedOn, Is.True);
            Assert.That(rig.Terminal.Batch, Is.EqualTo(FakeHost.AssignedBatch));
            Assert.That(rig.Ecr.Lines.Single(l => l.Kind == EcrLineKind.SignedOn).Arguments, Is.EqualTo(new[] { FakeHost.AssignedBatch }));
        });
    }

    [Test]
    public async Task A_sale_while_another_runs_gets_busy()
    {
        await using var rig = await TerminalRig.StartAsync();
        rig.Host.Respond = request => request.Mti == MessageTypes.FinancialRequest ? null : rig.Host.DefaultReply(request);
        _ = await rig.StartSaleAsync(100);
        await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);
        var mark = rig.Ecr.LineCount;

        // Raw command: SaleAsync calls must not overlap on one port (a RESULT carries no sale id).
        await rig.Ecr.SendAsync(EcrProtocol.Sale(200), rig.Token);
        var busy = await rig.Ecr.WaitForAsync(l => l.Kind == EcrLineKind.Result, mark, rig.Token);

        Assert.That(busy.Outcome, Is.EqualTo(EcrSaleOutcome.Busy));
        Assert.That(rig.Terminal.State, Is.EqualTo(TerminalState.AwaitingResponse), "the first sale goes on");
    }

    [Test]
    public async Task A_sale_accepted_as_the_previous_result_is_printed_keeps_the_next_one_busy()
    {
        await using var rig = await TerminalRig.StartAsync();
        var once = 0;
        rig.Terminal.TransactionCompleted += _ =>
        {
            if (Interlocked.Exchange(ref once, 1) != 0) return;
            // Still inside the first sale, just after its RESULT: the next SALE arrives and is accepted.
            // Commands are handled in order, so once STATUS is answered the SALE has been taken.
            rig.Ecr.SendAsync(EcrProtocol.Sale(200), rig.Token).GetAwaiter().GetResult();
            rig.Ecr.StatusAsync(rig.Token).GetAwaiter().GetResult();
        };
        var start = rig.Ecr.LineCount;

        await rig.SellAsync(100);
        await rig.Ecr.WaitForAsync(l => l.Kind == EcrLineKind.Acknowledged && l.Arguments[0] == "200", start, rig.Token);
        var mark = rig.Ecr.LineCount;
        await rig.Ecr.SendAsync(EcrProtocol.Sale(300), rig.Token);
        var status = await rig.Ecr.StatusAsync(rig.Token);

        var answers = rig.Ecr.Lines.Skip(mark).TakeWhile(l => l != status).Where(l => l.Kind == EcrLineKind.Result).ToList();
        Assert.That(answers.Select(l => l.Outcome), Is.EqualTo(new EcrSaleOutcome?[] { EcrSaleOutcome.Busy }),
            "the end of the first sale must not free the terminal a second time, under the second sale");
    }

    [Test]
    public async Task Status_reports_the_state_and_the_pending_reversal()
    {
        await using var rig = await TerminalRig.StartAsync();

        var status = await rig.Ecr.StatusAsync(rig.Token);

        Assert.That(status.Text, Is.EqualTo("STATUS IDLE REVERSAL NONE"));
    }

    [Test]
    public async Task An_unknown_command_gets_an_error_line_not_silence()
    {
        await using var rig = await TerminalRig.StartAsync();
        var mark = rig.Ecr.LineCount;

        await rig.Ecr.SendAsync("REFUND 100", rig.Token);
        var error = await rig.Ecr.WaitForAsync(l => l.Kind == EcrLineKind.Error, mark, rig.Token);

        Assert.That(error.Text, Does.Contain("unknown command"));
    }
}
