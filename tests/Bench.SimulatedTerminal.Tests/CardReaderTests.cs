using Bench.Codec;
using Bench.Hardware;
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
    public async Task A_swipe_slower_than_the_readers_slowest_is_a_read_error_and_the_sale_ends_at_the_card_read_timeout()
    {
        await using var rig = await TerminalRig.StartAsync();
        var slowest = rig.Profile.CardReader.SlowestSwipe;
        var swipeAgain = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Terminal.ConsoleLineWritten += line =>
        {
            if (line.Text.Contains("SWIPE AGAIN", StringComparison.Ordinal)) swipeAgain.TrySetResult(line.Text);
        };
        var mark = rig.Ecr.LineCount;
        var sale = rig.Ecr.SaleAsync(100, rig.Token);
        await rig.Ecr.WaitForAsync(l => l.Kind == EcrLineKind.PromptCard, mark, rig.Token);

        Assert.That(rig.Terminal.Swipe(TerminalRig.Card.RawTrack, slowest + TimeSpan.FromMilliseconds(1)), Is.True);
        await rig.Ecr.WaitForAsync(l => l.Kind == EcrLineKind.CardReadError, mark, rig.Token);

        Assert.That(await swipeAgain.Task.WaitAsync(rig.Token), Does.Contain("SWIPE TOO SLOW 801 MS (SLOWEST 800 MS)"));
        Assert.That(rig.Terminal.State, Is.EqualTo(TerminalState.AwaitingCard), "the prompt stays");
        // The card-read timer runs from the prompt, not from the bad swipe.
        rig.Time.Advance(rig.Profile.CardReadTimeout - TimeSpan.FromMilliseconds(1));
        await TerminalRig.Quiet();
        Assert.That(sale.IsCompleted, Is.False);
        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await sale;

        Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.NoCard));
        Assert.That(result.Lines.Count(l => l.Kind == EcrLineKind.CardReadError), Is.EqualTo(1));
        Assert.That(rig.Host.Received.Any(m => m.Mti == MessageTypes.FinancialRequest), Is.False);
    }

    [Test]
    public async Task A_swipe_as_slow_as_the_readers_slowest_decodes_and_a_good_swipe_after_a_slow_one_sells()
    {
        await using var rig = await TerminalRig.StartAsync();
        var slowest = rig.Profile.CardReader.SlowestSwipe;

        var atTheLimit = await rig.SellAsync(100, slowest);
        var mark = rig.Ecr.LineCount;
        var sale = await rig.StartSaleAsync(100, passage: slowest * 2);
        await rig.Ecr.WaitForAsync(l => l.Kind == EcrLineKind.CardReadError, mark, rig.Token);
        Assert.That(rig.Terminal.Swipe(TerminalRig.Card.RawTrack, slowest / 2), Is.True);
        var afterSlow = await sale;

        Assert.That(atTheLimit.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
        Assert.That(afterSlow.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
        Assert.That(afterSlow.Lines.Count(l => l.Kind == EcrLineKind.CardReadError), Is.EqualTo(1));
    }

    [TestCase(500, false)]
    [TestCase(1500, true)]
    public async Task The_profiles_slowest_swipe_decides(int slowestMilliseconds, bool decodes)
    {
        var profile = TerminalRig.DefaultProfile with { CardReader = new CardReaderSettings { SlowestSwipe = TimeSpan.FromMilliseconds(slowestMilliseconds) } };
        await using var rig = await TerminalRig.StartAsync(profile: profile);
        var mark = rig.Ecr.LineCount;

        // Slower than the default reader's 0.8 s: only the more tolerant profile decodes it.
        var sale = await rig.StartSaleAsync(100, passage: TimeSpan.FromSeconds(1));
        if (!decodes)
        {
            await rig.Ecr.WaitForAsync(l => l.Kind == EcrLineKind.CardReadError, mark, rig.Token);
            rig.Time.Advance(rig.Profile.CardReadTimeout);
        }

        var result = await sale;
        Assert.That(result.Outcome, Is.EqualTo(decodes ? EcrSaleOutcome.Approved : EcrSaleOutcome.NoCard));
    }

    [Test]
    public async Task A_swipe_without_a_prompt_is_ignored()
    {
        await using var rig = await TerminalRig.StartAsync();

        Assert.That(rig.Terminal.Swipe(TerminalRig.Card.RawTrack), Is.False);
    }
}
