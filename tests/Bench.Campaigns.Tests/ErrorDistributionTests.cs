using Bench.Cli.Benchmarks;

namespace Bench.Campaigns.Tests;

public sealed class ErrorDistributionTests
{
    [TestCase(0.00, 10)]
    [TestCase(0.50, 30)]
    [TestCase(1.00, 50)]
    [TestCase(0.25, 20)]
    [TestCase(0.99, 49.6)]
    [TestCase(0.10, 14)]
    public void Percentile_interpolates_between_the_closest_ranks(double fraction, double expected)
    {
        Assert.That(ErrorDistribution.Percentile([10, 20, 30, 40, 50], fraction), Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void Percentile_of_one_value_is_that_value_and_of_none_is_not_a_number()
    {
        Assert.That(ErrorDistribution.Percentile([7], 0.99), Is.EqualTo(7));
        Assert.That(ErrorDistribution.Percentile([], 0.5), Is.NaN);
    }

    [Test]
    public void Distribution_is_of_magnitudes_whatever_the_order_and_sign()
    {
        var distribution = ErrorDistribution.OfMagnitudes([-3, 1, -2, 4]);

        Assert.That(distribution.Count, Is.EqualTo(4));
        Assert.That(distribution.Median, Is.EqualTo(2.5).Within(1e-9));
        Assert.That(distribution.Percentile99, Is.EqualTo(3.97).Within(1e-9));
        Assert.That(distribution.Maximum, Is.EqualTo(4));
        Assert.That(distribution.Times(20).Maximum, Is.EqualTo(80));
    }
}
