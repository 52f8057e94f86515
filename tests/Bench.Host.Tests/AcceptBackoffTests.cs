namespace Bench.Host.Tests;

[TestFixture]
public sealed class AcceptBackoffTests
{
    [Test]
    public void Pauses_double_from_10_ms_up_to_1_s_and_a_success_starts_over()
    {
        var backoff = new AcceptBackoff();

        var pauses = Enumerable.Range(0, 10).Select(_ => backoff.Failed().TotalMilliseconds).ToArray();
        backoff.Succeeded();

        Assert.Multiple(() =>
        {
            Assert.That(pauses, Is.EqualTo(new double[] { 10, 20, 40, 80, 160, 320, 640, 1000, 1000, 1000 }));
            Assert.That(backoff.ConsecutiveFailures, Is.Zero);
            Assert.That(backoff.Failed(), Is.EqualTo(AcceptBackoff.FirstPause));
        });
    }

    [Test]
    public void A_persistent_failure_warns_at_its_start_and_then_about_once_a_minute()
    {
        var backoff = new AcceptBackoff();
        var warnings = 0;
        for (var failure = 0; failure < 600; failure++)
        {
            backoff.Failed();
            if (backoff.ShouldWarn) warnings++;
        }

        Assert.That(warnings, Is.EqualTo(11), "the first failure, then every 60th");
    }
}
