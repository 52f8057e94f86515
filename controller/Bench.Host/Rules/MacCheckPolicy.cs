namespace Bench.Host;

/// <summary>
/// Whether the host verifies request MACs: on by default, off for every terminal, or off for the
/// terminals whose working keys the lab does not hold (<see cref="ExemptTerminals"/>).
/// </summary>
public sealed record MacCheckPolicy(bool Enabled, IReadOnlySet<string> ExemptTerminals)
{
    public static MacCheckPolicy On { get; } = new(true, new HashSet<string>());
    public static MacCheckPolicy Off { get; } = new(false, new HashSet<string>());

    public bool AppliesTo(string? terminalId) => Enabled && (terminalId is null || !ExemptTerminals.Contains(terminalId));

    public override string ToString() =>
        !Enabled ? "MAC check off" : ExemptTerminals.Count == 0 ? "MAC check on" : $"MAC check on except {string.Join(", ", ExemptTerminals.Order(StringComparer.Ordinal))}";
}
