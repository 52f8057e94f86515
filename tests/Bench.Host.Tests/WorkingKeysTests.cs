using Bench.Codec;

namespace Bench.Host.Tests;

[TestFixture]
public sealed class WorkingKeysTests
{
    [Test]
    public void The_shared_test_keys_cannot_be_changed_through_what_callers_get()
    {
        var handedOut = WorkingKeys.Test.MacKey;
        handedOut[0] ^= 0xFF;
        WorkingKeys.Test.PinKey[0] ^= 0xFF;

        Assert.Multiple(() =>
        {
            Assert.That(WorkingKeys.Test.MacKey, Is.EqualTo(Enumerable.Repeat((byte)0x2C, 8)));
            Assert.That(WorkingKeys.Test.PinKey, Is.EqualTo(Enumerable.Repeat((byte)0x13, 8)));
        });
    }

    [Test]
    public void Keys_are_copied_in_compared_by_value_and_never_printed()
    {
        byte[] pin = [1, 2, 3, 4, 5, 6, 7, 8], mac = [8, 7, 6, 5, 4, 3, 2, 1];
        var keys = new WorkingKeys(pin, mac);
        pin[0] = 99;

        Assert.Multiple(() =>
        {
            Assert.That(keys.PinKey[0], Is.EqualTo(1), "the caller's array is not kept");
            Assert.That(keys, Is.EqualTo(new WorkingKeys([1, 2, 3, 4, 5, 6, 7, 8], [8, 7, 6, 5, 4, 3, 2, 1])));
            Assert.That(keys.GetHashCode(), Is.EqualTo(new WorkingKeys([1, 2, 3, 4, 5, 6, 7, 8], [8, 7, 6, 5, 4, 3, 2, 1]).GetHashCode()));
            Assert.That(keys, Is.Not.EqualTo(WorkingKeys.Test));
            Assert.That(WorkingKeys.Test.ToString(), Does.Not.Contain("2C2C").And.Contain("check value"));
            Assert.Throws<ArgumentException>(() => _ = new WorkingKeys(pin, mac[..7]));
        });
    }

    [Test]
    public async Task Disposing_the_host_disposes_the_reply_mac()
    {
        var host = new HostSimulator();
        var authorizer = host.Authorizer;
        var signedSale = TestMessages.Sale(1);
        var context = new HostActionContext(signedSale, "c1", 0, authorizer, new NoReplyChannel(), TimeProvider.System);
        Assert.That(authorizer.Approve(context).Has(64), Is.True, "signs while the host lives");

        await host.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => authorizer.Approve(context with { Request = TestMessages.Sale(2) }));
    }

    private sealed class NoReplyChannel : IReplyChannel
    {
        public ValueTask SendAsync(IsoMessage reply, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public ValueTask SendInSegmentsAsync(IsoMessage reply, ReplySegmentation segmentation, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
