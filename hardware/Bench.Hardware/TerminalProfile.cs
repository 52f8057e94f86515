using Bench.Codec;
using Bench.Hardware.Ecr;

namespace Bench.Hardware;

/// <summary>
/// A terminal model's specification as the bench tests it (fixtures/terminals/*.yaml): how it
/// connects and the timers and retry counts its firmware is configured with. All durations are
/// in terminal time. <see cref="SimulationTimeScale"/> is how much faster than real time the
/// simulated rig runs this model (20 means a 60 s timeout takes 3 s of wall time).
/// </summary>
public sealed record TerminalProfile(
    string Model,
    string Link,
    TimeSpan ResponseTimeout,
    TimeSpan ConnectTimeout,
    TimeSpan CardReadTimeout,
    int ReversalResendCount,
    double SimulationTimeScale,
    string TerminalId,
    string MerchantId)
{
    /// <summary>The dial-up modem's settings; used when <see cref="Link"/> is <see cref="LinkKind.Pstn"/>.</summary>
    public PstnSettings Pstn { get; init; } = new();

    /// <summary>The cellular modem's settings; used when <see cref="Link"/> is <see cref="LinkKind.Cellular"/>.</summary>
    public CellularSettings Cellular { get; init; } = new();

    /// <summary>The magnetic stripe reader: how slow a swipe it still decodes.</summary>
    public CardReaderSettings CardReader { get; init; } = new();

    /// <summary>
    /// Keeps one host connection open across transactions (a long-connection Ethernet terminal) instead of
    /// connecting per transaction; a late 0210 can only meet the next transaction on a kept connection.
    /// </summary>
    public bool KeepConnectionOpen { get; init; }

    /// <summary>Field bugs the firmware carries (the simulated terminal reproduces them); none by default.</summary>
    public FirmwareBugs FirmwareBugs { get; init; } = FirmwareBugs.None;

    /// <summary>
    /// The terminal's test master key (the profile's <c>masterKeyFile</c>): the host wraps the working keys of its
    /// sign-on replies under it, and checks its MACs with its own working MAC key. Null: working keys in the clear,
    /// one MAC key shared by every terminal. Prints by its check value only.
    /// </summary>
    public TerminalMasterKey? MasterKey { get; init; }

    /// <summary>The dialect of the terminal's ECR port when it is not the bench's own protocol (profile key <c>ecr:</c>); null for the bench's.</summary>
    public ScriptedEcrDialect? EcrDialect { get; init; }

    /// <summary>Rules that turn the terminal's debug console lines into trial events (profile key <c>console:</c>); none by default.</summary>
    public ConsoleRuleSet ConsoleRules { get; init; } = ConsoleRuleSet.None;
}
