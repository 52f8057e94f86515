namespace Bench.SimulatedTerminal;

/// <summary>The counters the firmware keeps in flash: the last STAN used and the current batch.</summary>
public sealed record TerminalCounters(int LastStan, string Batch)
{
    public const int MaxStan = 999_999;

    /// <summary>The next STAN: 000001 after 999999, never 000000.</summary>
    public TerminalCounters Next() => this with { LastStan = LastStan >= MaxStan ? 1 : LastStan + 1 };

    public string Stan => LastStan.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
