using Bench.Codec;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Tests;

public sealed class CardReaderTests
{
    [Test]
    public async Task No_swipe_ends_in_no_card_exactly_at_the_card_read_timeout()
    {
        await using var rig = await TerminalRig.StartAsync();
        var mark = rig.Ecr.LineCount;
        var sale = rig.Ecr.SaleAsync(100, rig.Token);
        await rig.Ecr.WaitForAsync(l => l.Kind == EcrLineKind.PromptCard, mark, rig.Token);

        rig.Time.Advance(rig.Profile.CardReadTimeout - TimeSpan.FromMilliseconds(1));
        await TerminalRig.Quiet();
        Assert.That(sale.IsCompleted, Is.False);
        Assert.That(rig.Terminal.State, Is.EqualTo(TerminalState.AwaitingCard));

        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await sale;

        Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.NoCard));
        Assert.That(rig.Host.Received.Any(m => m.Mti == MessageTypes.FinancialRequest), Is.False);
        Assert.That(rig.Terminal.State, Is.EqualTo(TerminalState.Idle));
    }

    [Test]
    public async Task A_track_with_a_bad_LRC_is_a_read_error_and_the_prompt_stays()
    {
        await using var rig = await TerminalRig.StartAsync();
        var raw = TerminalRig.Card.RawTrack;
        var badLrc = raw[..^1] + (char)(raw[^1] == '0' ? '1' : '0');
        var mark = rig.Ecr.LineCount;

        var sale = await rig.StartSaleAsync(100, badLrc);
        await rig.Ecr.WaitForAsync(l => l.Kind == EcrLineKind.CardReadError, mark, rig.Token);

        Assert.That(rig.Terminal.State, Is.EqualTo(TerminalState.AwaitingCard));
        Assert.That(rig.Terminal.Swipe(raw), Is.True, "the prompt stayed");
        var result = await sale;

        // Had the bad swipe gone online, its 0200 would have left before this sale's RESULT.
        Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
        Assert.That(result.Lines.Count(l => l.Kind == EcrLineKind.Sent), Is.EqualTo(1));
        Assert.That(result.Lines.Count(l => l.Kind == EcrLineKind.CardReadError), Is.EqualTo(1));
    }

    [Test]
    public async Task A_swipe_without_a_prompt_is_ignored()
    {
        await using var rig = await TerminalRig.StartAsync();

        Assert.That(rig.Terminal.Swipe(TerminalRig.Card.RawTrack), Is.False);
    }
}
