namespace Bench.Host;

/// <summary>Who the background load's terminals are and what they buy.</summary>
public sealed record BackgroundLoadOptions
{
    /// <summary>How many other terminals share the load, each on its own connection.</summary>
    public int Terminals { get; init; } = 8;

    /// <summary>Their terminal ids: this prefix and a number, 8 characters in all (LOAD0001, LOAD0002, …).</summary>
    public string TerminalIdPrefix { get; init; } = "LOAD";

    public long AmountMinorUnits { get; init; } = 1_000;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Terminals, 1);
        ArgumentNullException.ThrowIfNull(TerminalIdPrefix);
        var digits = 8 - TerminalIdPrefix.Length;
        if (digits < 1 || Terminals >= Math.Pow(10, digits))
            throw new ArgumentException($"terminal ids are 8 characters: prefix '{TerminalIdPrefix}' leaves room for {Math.Max(digits, 0)} digits, too few for {Terminals} terminals", nameof(TerminalIdPrefix));
        ArgumentOutOfRangeException.ThrowIfLessThan(AmountMinorUnits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(AmountMinorUnits, 999_999_999_999);
    }
}
