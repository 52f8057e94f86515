namespace Bench.Host.Tests;

[TestFixture]
public sealed class LedgerTests
{
    private static readonly LedgerKey Sale = new("TERM0001", "000001", "000042");

    [Test]
    public void A_debit_is_the_net_debit_of_its_key()
    {
        var ledger = new Ledger();
        ledger.RecordDebit(Sale, 12_345, timestampNanoseconds: 1);

        Assert.That(ledger.NetDebit(Sale), Is.EqualTo(12_345));
        Assert.That(ledger.NetDebit(Sale with { Stan = "000043" }), Is.Zero);
    }

    [Test]
    public void A_second_reversal_credits_nothing_and_is_recorded_as_a_duplicate()
    {
        var ledger = new Ledger();
        ledger.RecordDebit(Sale, 12_345, 1);

        var first = ledger.RecordReversal(Sale, 2, reason: "98");
        var second = ledger.RecordReversal(Sale, 3, reason: "98");

        Assert.Multiple(() =>
        {
            Assert.That(first.Kind, Is.EqualTo(LedgerEntryKind.Reversal));
            Assert.That(first.NetEffectMinorUnits, Is.EqualTo(-12_345));
            Assert.That(second.Kind, Is.EqualTo(LedgerEntryKind.DuplicateReversal));
            Assert.That(second.NetEffectMinorUnits, Is.Zero);
            Assert.That(ledger.NetDebit(Sale), Is.Zero);
            Assert.That(ledger.EntriesFor(Sale).Select(e => e.Kind),
                Is.EqualTo(new[] { LedgerEntryKind.Debit, LedgerEntryKind.Reversal, LedgerEntryKind.DuplicateReversal }));
        });
    }

    [Test]
    public void A_reversal_without_a_debit_is_recorded_as_such_and_credits_nothing()
    {
        var ledger = new Ledger();

        var entry = ledger.RecordReversal(Sale, 1, reason: "98");

        Assert.That(entry.Kind, Is.EqualTo(LedgerEntryKind.ReversalWithoutDebit));
        Assert.That(ledger.NetDebit(Sale), Is.Zero);
        Assert.That(ledger.Entries, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_reversal_after_a_reversal_without_debit_and_a_late_debit_undoes_the_debit()
    {
        var ledger = new Ledger();
        ledger.RecordReversal(Sale, 1);
        ledger.RecordDebit(Sale, 500, 2);

        Assert.That(ledger.RecordReversal(Sale, 3).Kind, Is.EqualTo(LedgerEntryKind.Reversal));
        Assert.That(ledger.NetDebit(Sale), Is.Zero);
    }

    [Test]
    public void A_void_credits_and_its_reversal_restores_the_debit()
    {
        var ledger = new Ledger();
        var voidKey = Sale with { Stan = "000050" };
        ledger.RecordDebit(Sale, 700, 1);
        ledger.RecordVoid(voidKey, 700, 2);

        Assert.That(ledger.NetDebit(Sale) + ledger.NetDebit(voidKey), Is.Zero);
        ledger.RecordReversal(voidKey, 3);
        Assert.That(ledger.NetDebit(Sale) + ledger.NetDebit(voidKey), Is.EqualTo(700));
    }

    [Test]
    public void Concurrent_reversals_of_one_key_credit_exactly_once()
    {
        var ledger = new Ledger();
        var keys = Enumerable.Range(0, 200).Select(i => Sale with { Stan = i.ToString("D6") }).ToArray();
        foreach (var key in keys) ledger.RecordDebit(key, 100, 0);
        var raised = 0;
        ledger.EntryAdded += (_, _) => Interlocked.Increment(ref raised);

        Parallel.For(0, 8, _ =>
        {
            foreach (var key in keys) ledger.RecordReversal(key, 1);
        });

        Assert.Multiple(() =>
        {
            Assert.That(keys.Sum(ledger.NetDebit), Is.Zero);
            Assert.That(ledger.Entries.Count(e => e.Kind == LedgerEntryKind.Reversal), Is.EqualTo(200));
            Assert.That(ledger.Entries.Count(e => e.Kind == LedgerEntryKind.DuplicateReversal), Is.EqualTo(7 * 200));
            Assert.That(raised, Is.EqualTo(8 * 200));
        });
    }
}
