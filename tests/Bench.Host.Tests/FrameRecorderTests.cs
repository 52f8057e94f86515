using Bench.Codec;
using Bench.Results;

namespace Bench.Host.Tests;

[TestFixture]
public sealed class FrameRecorderTests
{
    [Test]
    public async Task Frames_are_committed_in_batches_without_anyone_flushing()
    {
        using var database = new TemporaryDatabase();
        using var store = ResultsStore.Open(database.Path);
        await using var recorder = new FrameRecorder(store);
        var body = IsoCodec.Cup.Encode(TestMessages.Sale(1));

        for (var i = 0; i < 3_000; i++)
            recorder.Record(new FrameRecord(i, "c1", FrameDirection.Received, body, null) { DecodeError = "test" });

        // Bounded wait for the background writer: only a broken writer takes longer than the patience.
        var deadline = DateTime.UtcNow + TestTerminal.Patience;
        while (store.ReadFrames().Count < 3_000 && DateTime.UtcNow < deadline) await Task.Delay(20);

        Assert.That(store.ReadFrames(), Has.Count.EqualTo(3_000));
        Assert.That(recorder.BatchesWritten, Is.GreaterThan(0).And.LessThan(300), "rows go in batches, not one commit each");
    }

    [Test]
    public async Task Disposing_drains_everything_from_every_thread_and_it_survives_reopening()
    {
        using var database = new TemporaryDatabase();
        var message = TestMessages.Sale(1);
        var body = IsoCodec.Cup.Encode(message);
        const int threads = 4, each = 5_000;

        using (var store = ResultsStore.Open(database.Path))
        {
            var recorder = new FrameRecorder(store, store.CreateRun("dispose"));
            Parallel.For(0, threads, thread =>
            {
                for (var i = 0; i < each; i++)
                {
                    recorder.Record(new FrameRecord(i, $"c{thread}", FrameDirection.Sent, body, message));
                    if (i % 10 == 0) recorder.Record(new EventRecord(i, "test", "tick", $"{thread}/{i}"));
                }
            });
            await recorder.DisposeAsync();
            Assert.That(recorder.FramesWritten, Is.EqualTo(threads * each));
            Assert.That(recorder.Record(new EventRecord(0, "test", "late", "")), Is.False, "nothing is accepted after disposal");
        }

        using var reopened = ResultsStore.Open(database.Path);
        Assert.That(reopened.ReadFrames(), Has.Count.EqualTo(threads * each));
        Assert.That(reopened.ReadEvents(kind: "tick"), Has.Count.EqualTo(threads * each / 10));
        Assert.That(reopened.ReadFrames()[0].Mti, Is.EqualTo("0200"));
    }

    [Test]
    public async Task Flush_returns_once_everything_before_it_is_committed()
    {
        using var database = new TemporaryDatabase();
        using var store = ResultsStore.Open(database.Path);
        await using var recorder = new FrameRecorder(store);

        for (var round = 1; round <= 5; round++)
        {
            recorder.RecordProtocolError(new ProtocolError(round, $"c{round}", "MTI", 11, "unknown MTI 0999"));
            await recorder.FlushAsync();
            Assert.That(store.ReadEvents(kind: EventKinds.ProtocolError), Has.Count.EqualTo(round));
        }
    }

    [Test]
    public async Task No_text_column_ever_holds_an_unmasked_card_number()
    {
        await using var fixture = HostFixture.Start();
        await using (var terminal = await fixture.ConnectAsync())
        {
            var sale = TestMessages.Sale(1) ;
            await terminal.SendAsync(sale);
            await terminal.ReceiveAsync();
            await terminal.SendAsync(MessageFactory.Reversal(sale, "98"));
            await terminal.ReceiveAsync();
        }
        await using (var terminal = await fixture.ConnectAsync())
        {
            // Decodes up to the PAN and then breaks: the undecodable frame's summary and the error must stay masked.
            var broken = IsoCodec.Cup.Encode(TestMessages.Sale(2));
            broken[35] = 0xAB;
            var frame = new byte[broken.Length + 2];
            Framing.WritePrefix(frame, broken.Length);
            broken.CopyTo(frame, 2);
            await terminal.SendRawAsync(frame);
            Assert.That(await terminal.IsClosedByHostAsync(), Is.True);
        }
        fixture.Recorder.Record(new EventRecord(0, "test", "careless", $"someone logged {TestMessages.Pan} here"));
        fixture.Store.RecordEvent(new EventRecord(0, $"source {TestMessages.Pan}", $"kind {TestMessages.Pan}", "{}") { ConnectionId = TestMessages.Pan });
        // Careless callers of every other writing method: names, outcomes and details holding the card number.
        var store = fixture.Store;
        var run = store.CreateRun($"run for {TestMessages.Pan}", $$"""{"card":"{{TestMessages.Pan}}"}""");
        var experiment = store.AddExperiment(run, $"experiment {TestMessages.Pan}", $"kind {TestMessages.Pan}", $"parameter {TestMessages.Pan}",
            $$"""{"note":"card {{TestMessages.Pan}}"}""");
        store.RecordTrial(new TrialRecord(run, experiment, 0, 1.5, $"approved on {TestMessages.Pan}", 1, 2)
        {
            DetailsJson = $$"""{"pan":"{{TestMessages.Pan}}","terminalResult":"APPROVED {{TestMessages.Pan}}"}""",
        });
        store.EndRun(run, $"outcome {TestMessages.Pan}");
        await fixture.WhenConnectionsClosedAsync();
        await fixture.Recorder.FlushAsync();

        var values = fixture.Store.AllTextValues().ToList();
        Assert.That(values.Select(v => v.Table).Distinct(), Is.SupersetOf(new[] { "frames", "events", "runs", "experiments", "trials" }));
        Assert.That(values.Where(v => v.Value.Contains(TestMessages.Pan, StringComparison.Ordinal) || v.Value.Contains(TestMessages.Pan[4..14], StringComparison.Ordinal)),
            Is.Empty);
        Assert.That(values.Any(v => v.Value.Contains("622202*********0123", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void Summaries_mask_card_fields_and_icc_data_but_keep_the_merchant_id()
    {
        var chip = TestMessages.Terminal().Sale(new SaleDetails(TestMessages.Card, 100, "000001", TestMessages.Batch)
        {
            PinBlock = [1, 2, 3, 4, 5, 6, 7, 8],
            IccData = [new Tlv(0x5A, Convert.FromHexString("6222021234567890123F"))],
        }).With(63, $"note {TestMessages.Pan}");

        var summary = FrameSummary.Describe(chip, 200);

        Assert.That(summary, Does.Not.Contain(TestMessages.Pan[4..14]));
        Assert.That(summary, Does.Contain("42=123456789012345").And.Contain("bytes ICC data]").And.Contain("52=****************"));
    }
}
