namespace Bench.Host;

/// <summary>
/// The host's authorisation capacity (DESIGN.md §1 item 5, peak hour): <see cref="Workers"/>
/// requests are served at once, each for a <see cref="ServiceTime"/> drawn from a random source
/// seeded with <see cref="Seed"/>; the rest wait in arrival order. Replies slow down by queueing
/// once requests arrive faster than Workers ÷ mean service time.
/// </summary>
public sealed record HostCapacity
{
    public const int MaximumWorkers = 10_000;

    public HostCapacity(int workers, ServiceTime serviceTime, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workers, MaximumWorkers);
        Workers = workers;
        ServiceTime = serviceTime ?? throw new ArgumentNullException(nameof(serviceTime));
        Seed = seed;
    }

    public int Workers { get; }
    public ServiceTime ServiceTime { get; }
    public int Seed { get; }

    /// <summary>Requests per second the workers can serve at the mean service time (infinite for zero service time).</summary>
    public double ThroughputPerSecond => ServiceTime.Mean == TimeSpan.Zero ? double.PositiveInfinity : Workers / ServiceTime.Mean.TotalSeconds;

    public override string ToString() => $"{Workers} worker{(Workers == 1 ? "" : "s")}, {ServiceTime}";
}
