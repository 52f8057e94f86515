using System.Collections.Concurrent;
using System.Collections.Frozen;
using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// The host's key management, per terminal id. A terminal whose master key (TMK) the host knows gets fresh
/// working keys at every sign-on (<see cref="WorkingKeys.Generate"/>, cryptographic random), wrapped under its
/// TMK in field 62; from then on its MACs are checked and its replies signed with that sign-on's MAC key only,
/// and before its first sign-on it has none (every MAC of it fails). A terminal without a known TMK keeps the
/// bench's old behaviour: the shared <see cref="HostOptions.WorkingKeys"/>, handed out in the clear, always valid.
/// Thread-safe.
/// </summary>
public sealed class TerminalKeyRegistry
{
    private readonly WorkingKeys sharedKeys;
    private readonly FrozenDictionary<string, TerminalMasterKey> masterKeys;
    private readonly ConcurrentDictionary<string, WorkingKeys> currentKeys = new(StringComparer.Ordinal);

    public TerminalKeyRegistry(WorkingKeys sharedKeys, IReadOnlyDictionary<string, TerminalMasterKey> masterKeys)
    {
        ArgumentNullException.ThrowIfNull(sharedKeys);
        ArgumentNullException.ThrowIfNull(masterKeys);
        this.sharedKeys = sharedKeys;
        this.masterKeys = masterKeys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The keys every terminal without a known master key signs with.</summary>
    public WorkingKeys SharedKeys => sharedKeys;

    public bool HasMasterKey(string terminalId) => masterKeys.ContainsKey(terminalId);

    /// <summary>
    /// A sign-on of <paramref name="terminalId"/> was approved: field 62 of its reply. A terminal with a master
    /// key gets fresh keys, which replace its previous ones at once; any other gets the shared keys in the clear.
    /// </summary>
    public string SignOn(string terminalId)
    {
        if (!masterKeys.TryGetValue(terminalId, out var masterKey)) return sharedKeys.ToField62();
        var fresh = WorkingKeys.Generate();
        currentKeys[terminalId] = fresh;
        return fresh.ToField62(masterKey);
    }

    /// <summary>
    /// The keys <paramref name="terminalId"/>'s MACs are checked and its replies signed with: its last sign-on's
    /// when the host knows its master key (null before its first sign-on), else the shared keys.
    /// </summary>
    public WorkingKeys? KeysOf(string terminalId) =>
        masterKeys.ContainsKey(terminalId) ? currentKeys.GetValueOrDefault(terminalId) : sharedKeys;
}
