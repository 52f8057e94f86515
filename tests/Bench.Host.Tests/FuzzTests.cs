using Bench.Codec;
using Bench.Results;

namespace Bench.Host.Tests;

[TestFixture]
public sealed class FuzzTests
{
    private const int Seed = 8583;

    // 100,000 hostile frames reach the running host over TCP, one connection each (about 10 s).
    private const int HostileFrameCount = 100_000;

    [Test]
    public void Decoding_a_hundred_thousand_hostile_bodies_raises_nothing_but_IsoDecodeException()
    {
        var mutator = new FrameMutator(Seed);
        var valid = FrameMutator.ValidBodies();
        var decoded = 0;
        var rejected = 0;
        var failures = new List<string>();

        for (var i = 0; i < 100_000; i++)
        {
            var body = mutator.MutateBody(valid[i % valid.Count]);
            try
            {
                var message = IsoCodec.Cup.Decode(body);
                decoded++;
                // What decodes must encode again: the host echoes decoded fields in its replies.
                IsoCodec.Cup.Encode(message);
            }
            catch (IsoDecodeException exception)
            {
                rejected++;
                Assert.That(exception.Offset, Is.InRange(0, body.Length), Convert.ToHexString(body));
            }
            catch (Exception exception)
            {
                if (failures.Count < 5) failures.Add($"#{i} {exception.GetType().Name}: {exception.Message} body {Convert.ToHexString(body)}");
            }
        }

        Assert.That(failures, Is.Empty, $"seed {Seed}");
        Assert.That(decoded, Is.GreaterThan(1_000), "enough mutants decode to reach the field logic");
        Assert.That(rejected, Is.GreaterThan(10_000));
    }

    [Test]
    public async Task Hostile_frames_over_tcp_leave_only_protocol_errors_and_the_host_still_approves()
    {
        await using var fixture = HostFixture.Start();
        var mutator = new FrameMutator(Seed + 1);
        var valid = FrameMutator.ValidBodies();
        var frames = Enumerable.Range(0, HostileFrameCount).Select(i => mutator.MutateFrame(valid[i % valid.Count]))
            .Where(frame => frame.Length > 0).ToArray();
        var next = -1;

        // One connection per hostile frame: send it, say "no more", wait for the host to close.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < frames.Length)
            {
                await using var terminal = await fixture.ConnectAsync();
                await terminal.SendRawAsync(frames[index]);
                terminal.FinishSending();
                Assert.That(await terminal.IsClosedByHostAsync(), Is.True, $"frame {index} {Convert.ToHexString(frames[index])}");
            }
        }));

        await using (var terminal = await fixture.ConnectAsync())
        {
            await terminal.SendAsync(TestMessages.Sale(999_999));
            Assert.That((await terminal.ReceiveAsync()).ResponseCode, Is.EqualTo("00"));
        }
        await fixture.WhenConnectionsClosedAsync();
        await fixture.Recorder.FlushAsync();

        var events = fixture.Store.ReadEvents();
        var received = fixture.Store.ReadFrames().Where(f => f.Direction == FrameDirection.Received).ToList();
        var opened = events.Where(e => e.Kind == EventKinds.ConnectionOpened).Select(e => e.ConnectionId!).ToHashSet();
        var explained = received.Select(f => f.ConnectionId)
            .Concat(events.Where(e => e.Kind == EventKinds.ProtocolError).Select(e => e.ConnectionId!)).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Kind).Distinct(), Is.SubsetOf(new[]
            {
                EventKinds.ConnectionOpened, EventKinds.ConnectionClosed, EventKinds.ProtocolError, EventKinds.Ledger,
            }));
            Assert.That(opened, Has.Count.EqualTo(frames.Length + 1));
            Assert.That(events.Count(e => e.Kind == EventKinds.ConnectionClosed), Is.EqualTo(frames.Length + 1));
            Assert.That(opened.Except(explained), Is.Empty, "every connection left a frame or a protocol error");
            Assert.That(events.Count(e => e.Kind == EventKinds.ProtocolError), Is.GreaterThan(frames.Length / 2));
        });
    }
}
