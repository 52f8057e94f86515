using Bench.Codec;

namespace Bench.SimulatedTerminal;

/// <summary>
/// The firmware's keys: the working keys a sign-on reply delivers under the terminal's master key, and the
/// MAC of every request and reply with the current one. Key material is never printed: the console names
/// keys by their check values.
/// </summary>
public sealed partial class SimulatedTerminal
{
    /// <summary>
    /// Unwraps the PIN and MAC keys in field 62 of an approved sign-on reply under <paramref name="masterKey"/> and
    /// checks each against its check value; on success the MAC key is the one used from now on. Returns what is
    /// wrong (for the console), or null when the keys were taken.
    /// </summary>
    private string? TakeWorkingKeys(PowerSession power, TerminalMasterKey masterKey, IsoMessage reply)
    {
        if (reply[WorkingKeyField.FieldNumber] is not { } text) return "NO WORKING KEYS IN FIELD 62";
        if (WorkingKeyField.TryParse(text) is not { } field)
            return $"FIELD 62 UNUSABLE: {text.Length} CHARACTERS, NOT {WorkingKeyField.TextLength} HEX DIGITS";
        if (!WorkingKeyField.CheckValueMatches(masterKey.Unwrap(field.PinKey), field.PinKeyCheckValue)) return "PIN KEY CHECK VALUE MISMATCH";
        var macKey = masterKey.Unwrap(field.MacKey);
        if (!WorkingKeyField.CheckValueMatches(macKey, field.MacKeyCheckValue)) return "MAC KEY CHECK VALUE MISMATCH";
        power.WorkingMacKey = macKey;
        Print(power, $"WORKING KEYS LOADED, CHECK VALUES PIN {Convert.ToHexString(field.PinKeyCheckValue)} MAC {Convert.ToHexString(field.MacKeyCheckValue)}");
        return null;
    }

    /// <summary>
    /// Puts the current working MAC into field 64. A terminal with a master key that holds no working keys (it
    /// never reaches here in practice: a sale signs on first) sends the message unsigned, and the host's A0 makes it sign on.
    /// </summary>
    private IsoMessage Sign(PowerSession power, IsoMessage message) => WithSigner(power, signer => signer.Sign(message), none: message);

    /// <summary>True when the reply's MAC verifies with the current working MAC key; false without one.</summary>
    private bool VerifiesMac(PowerSession power, IsoMessage reply) => WithSigner(power, signer => signer.Verify(reply), none: false);

    private T WithSigner<T>(PowerSession power, Func<MessageSigner, T> use, T none)
    {
        if (options.MasterKey is null) return use(clearSigner);
        if (power.WorkingMacKey is not { } key) return none;
        // A cipher per use: the key changes at every sign-on, and a message or two per transaction is cheap to MAC.
        using var mac = new MessageAuthenticationCode(key);
        return use(new MessageSigner(IsoCodec.Cup, mac));
    }
}
