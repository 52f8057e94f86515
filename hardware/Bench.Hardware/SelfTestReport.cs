namespace Bench.Hardware;

/// <summary>What <see cref="Rig.SelfTestAsync"/> checked.</summary>
/// <param name="VerifiedRelays">Relays toggled both ways with matching read-back.</param>
/// <param name="UncheckedRelays">Fitted relays without a sense input: toggled, but nothing to read back.</param>
public sealed record SelfTestReport(IReadOnlyList<string> VerifiedRelays, IReadOnlyList<string> UncheckedRelays);
