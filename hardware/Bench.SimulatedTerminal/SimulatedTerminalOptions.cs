using System.Net;
using Bench.Codec;
using Bench.Hardware.Ecr;
using Bench.SimulatedTerminal.Modem;

namespace Bench.SimulatedTerminal;

/// <summary>
/// What the simulated terminal needs beyond its <see cref="Bench.Hardware.TerminalProfile"/>: where the
/// host is, where its flash lives and its keys. The field bugs its firmware carries are the profile's
/// <see cref="Bench.Hardware.TerminalProfile.FirmwareBugs"/>.
/// </summary>
/// <param name="HostEndPoint">The acquirer host (or the bench's proxy in front of it).</param>
/// <param name="FlashDirectory">The directory that plays the terminal's flash; created when missing. One directory per terminal.</param>
/// <param name="MacKey">
/// The 8-byte DES MAC key for field 64 of requests and replies when the terminal has no <see cref="MasterKey"/>
/// (a bench without key management: field 62 of the sign-on reply is ignored). Unused with a master key.
/// </param>
public sealed record SimulatedTerminalOptions(EndPoint HostEndPoint, string FlashDirectory, byte[] MacKey)
{
    /// <summary>
    /// The terminal's modem (DESIGN.md §3a), owned by whoever built it. Null: an Ethernet modem to
    /// <see cref="HostEndPoint"/> under the profile's connect timeout, owned by the terminal.
    /// </summary>
    public IModem? Modem { get; init; }

    /// <summary>
    /// The terminal's master key, loaded into it as a key-injection facility would (the profile's
    /// <see cref="Bench.Hardware.TerminalProfile.MasterKey"/>). Set: the terminal takes its working keys from field 62
    /// of each sign-on reply, unwrapped under this key and checked against their check values, and MACs with the
    /// received MAC key; a sign-on whose keys do not check fails. Null: it MACs with <see cref="MacKey"/>.
    /// </summary>
    public TerminalMasterKey? MasterKey { get; init; }

    /// <summary>
    /// The ECR port's language. Null (the default): the bench's own protocol. A scripted dialect (a profile's
    /// <see cref="Bench.Hardware.TerminalProfile.EcrDialect"/>) must carry its <see cref="ScriptedEcrDialect.SimulatedTerminal"/>
    /// templates: the terminal then reads the dialect's sale command and prints the templates, in the dialect's framing.
    /// </summary>
    public ScriptedEcrDialect? EcrDialect { get; init; }

    /// <summary>How long booting takes, in terminal time, before the sign-on starts.</summary>
    public TimeSpan BootDuration { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Keep the TCP connection to the host open between transactions (a long-connection
    /// terminal). Off: connect per transaction and close when it ends, as most GPRS terminals do.
    /// A late 0210 can only meet the next transaction on a kept connection.
    /// </summary>
    public bool KeepConnectionOpen { get; init; }

    /// <summary>
    /// Print the host link on the ECR port, as the bench protocol allows: CONNECTING, CONNECTED, NO CARRIER and the
    /// exchange's SENT / RECEIVED / IGNORED lines with their STANs. Off: a terminal whose ECR port shows only what the
    /// cashier sees (prompt, card, result, reversals); the bench must then match its sale to the host frames from the
    /// host side and learn of its data session from its debug console, as with a terminal that keeps those to itself.
    /// </summary>
    public bool EcrShowsHostLink { get; init; } = true;

    /// <summary>The batch number used until the first sign-on reply assigns one.</summary>
    public string InitialBatch { get; init; } = "000001";

    /// <summary>
    /// The 32-byte key the flash seals card data under (its secure element). Null: a random key per process, so
    /// nothing sealed survives the process. A resumable run passes one derived from the run, so its reversal does.
    /// </summary>
    public byte[]? SecureElementKey { get; init; }
}
