namespace Bench.Host;

/// <summary>
/// How long an authorisation worker takes over one request, on the host's clock: a distribution
/// with a mean, sampled from a seeded random source so a run can be repeated.
/// </summary>
public abstract record ServiceTime
{
    protected ServiceTime(TimeSpan mean)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mean, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mean, MaximumMean);
        Mean = mean;
    }

    /// <summary>An hour: a host slower than that per request is down, not slow.</summary>
    public static readonly TimeSpan MaximumMean = TimeSpan.FromHours(1);

    public TimeSpan Mean { get; }

    /// <summary>The distribution's name in rule files: constant, exponential or lognormal.</summary>
    public abstract string Distribution { get; }

    /// <summary>One service time; never negative, never longer than a timer can hold.</summary>
    public TimeSpan Sample(Random random)
    {
        var seconds = SampleSeconds(random);
        return seconds <= 0 || !double.IsFinite(seconds) ? TimeSpan.Zero
            : seconds >= TimerLimit.Longest.TotalSeconds ? TimerLimit.Longest
            : TimeSpan.FromSeconds(seconds);
    }

    protected abstract double SampleSeconds(Random random);
}

/// <summary>Every request takes exactly the mean.</summary>
public sealed record ConstantServiceTime(TimeSpan Duration) : ServiceTime(Duration)
{
    public override string Distribution => "constant";
    protected override double SampleSeconds(Random random) => Mean.TotalSeconds;
    public override string ToString() => $"constant {Mean.TotalSeconds:0.###} s";
}

/// <summary>Memoryless service (M/M/c): mostly short, now and then long.</summary>
public sealed record ExponentialServiceTime(TimeSpan MeanDuration) : ServiceTime(MeanDuration)
{
    public override string Distribution => "exponential";
    // 1 − U lies in (0, 1], so the logarithm is finite.
    protected override double SampleSeconds(Random random) => -Mean.TotalSeconds * Math.Log(1 - random.NextDouble());
    public override string ToString() => $"exponential, mean {Mean.TotalSeconds:0.###} s";
}

/// <summary>
/// Log-normal service with the given mean and shape <see cref="Sigma"/> (the standard deviation of
/// the logarithm): a long right tail, as database-bound services show.
/// </summary>
public sealed record LogNormalServiceTime : ServiceTime
{
    public LogNormalServiceTime(TimeSpan mean, double sigma) : base(mean)
    {
        if (!double.IsFinite(sigma) || sigma <= 0 || sigma > 3)
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "the log-normal shape is above 0 and at most 3");
        Sigma = sigma;
    }

    public double Sigma { get; }

    public override string Distribution => "lognormal";

    protected override double SampleSeconds(Random random)
    {
        if (Mean == TimeSpan.Zero) return 0;
        // Box–Muller for a standard normal; μ chosen so the mean of e^(μ + σZ) is the given mean.
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var mu = Math.Log(Mean.TotalSeconds) - Sigma * Sigma / 2;
        return Math.Exp(mu + Sigma * normal);
    }

    public override string ToString() => $"lognormal, mean {Mean.TotalSeconds:0.###} s, sigma {Sigma:0.###}";
}
