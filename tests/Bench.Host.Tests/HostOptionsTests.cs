namespace Bench.Host.Tests;

[TestFixture]
public sealed class HostOptionsTests
{
    public static IEnumerable<TestCaseData> Unworkable()
    {
        yield return new TestCaseData(new HostOptions { Port = -1 }).SetName("Negative port");
        yield return new TestCaseData(new HostOptions { Port = 65_536 }).SetName("Port above 65535");
        yield return new TestCaseData(new HostOptions { FrameReadDeadline = TimeSpan.Zero }).SetName("Zero read deadline");
        yield return new TestCaseData(new HostOptions { FrameReadDeadline = Timeout.InfiniteTimeSpan }).SetName("Infinite read deadline");
        yield return new TestCaseData(new HostOptions { IdleAllowance = TimeSpan.FromDays(60) }).SetName("Idle allowance beyond a timer");
        yield return new TestCaseData(new HostOptions { MaximumBodyLength = 0 }).SetName("No body allowed");
        yield return new TestCaseData(new HostOptions { ListenBacklog = 0 }).SetName("No backlog");
    }

    [TestCaseSource(nameof(Unworkable))]
    public void A_host_refuses_unworkable_options_when_it_is_made(HostOptions options) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new HostSimulator(options));

    [Test]
    public async Task The_defaults_work()
    {
        await using var host = new HostSimulator(new HostOptions());
        Assert.That(host.Options.FrameReadDeadline, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }
}
