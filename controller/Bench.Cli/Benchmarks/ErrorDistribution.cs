namespace Bench.Cli.Benchmarks;

/// <summary>How large a set of error magnitudes is: how many, the median, the 99th percentile and the largest.</summary>
public sealed record ErrorDistribution(int Count, double Median, double Percentile99, double Maximum)
{
    /// <summary>The distribution of the absolute values of <paramref name="errors"/>; NaN statistics when there are none.</summary>
    public static ErrorDistribution OfMagnitudes(IEnumerable<double> errors)
    {
        var sorted = errors.Select(Math.Abs).Order().ToArray();
        return new ErrorDistribution(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), Percentile(sorted, 1));
    }

    /// <summary>
    /// The <paramref name="fraction"/> quantile of ascending <paramref name="sorted"/>, interpolating linearly
    /// between the two closest ranks (numpy's default). With a few dozen trials a nearest-rank p99 would
    /// just be the maximum; interpolation keeps p99 and max distinct yet still pulled by the tail.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        if (sorted.Count == 0) return double.NaN;
        var position = fraction * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    /// <summary>The same distribution in another unit (wall to terminal milliseconds, say).</summary>
    public ErrorDistribution Times(double factor) => new(Count, Median * factor, Percentile99 * factor, Maximum * factor);
}
