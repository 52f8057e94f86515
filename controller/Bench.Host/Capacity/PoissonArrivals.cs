namespace Bench.Host;

/// <summary>
/// The gaps between arrivals of a Poisson process: exponentially distributed with mean
/// 1 ÷ <see cref="RatePerSecond"/>, from a seeded random source so a load can be repeated.
/// Not thread-safe: one consumer draws the gaps.
/// </summary>
public sealed class PoissonArrivals
{
    /// <summary>Ten thousand a second: a simulated host on a bench machine cannot take more.</summary>
    public const double MaximumRatePerSecond = 10_000;

    private readonly Random random;

    public PoissonArrivals(double ratePerSecond, int seed)
    {
        if (!double.IsFinite(ratePerSecond) || ratePerSecond <= 0 || ratePerSecond > MaximumRatePerSecond)
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, $"an arrival rate is above 0 and at most {MaximumRatePerSecond} per second");
        RatePerSecond = ratePerSecond;
        random = new Random(seed);
    }

    public double RatePerSecond { get; }

    public TimeSpan NextGap() => TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble()) / RatePerSecond);
}
