using System.Globalization;

namespace Bench.Hardware.Ecr;

/// <summary>
/// The ECR port's wording, in one place so the terminal that prints a line and the client that
/// parses it cannot drift apart. Every line is printable ASCII ended by CR LF; see README.md.
/// </summary>
public static class EcrProtocol
{
    public const string LineEnding = "\r\n";

    /// <summary>Longer lines are cut off and reported as malformed, so a noisy port cannot exhaust memory.</summary>
    public const int MaxLineLength = 256;

    /// <summary>The largest amount field 4 (n12) can carry.</summary>
    public const long MaxAmountMinorUnits = 999_999_999_999;

    /// <summary>Printed for an empty reply field (an RRN or auth code the host left blank).</summary>
    public const string EmptyField = "-";

    // Controller → terminal.
    public static string Sale(long amountMinorUnits) => "SALE " + amountMinorUnits.ToString(CultureInfo.InvariantCulture);
    public const string Status = "STATUS";

    // Terminal → controller.
    public const string Booting = "BOOTING";
    public const string SigningOn = "SIGNING ON";
    public static string SignedOn(string batch) => "SIGNED ON BATCH " + batch;
    public static string SignOnFailed(string reason) => "SIGN ON FAILED " + reason;
    public const string Ready = "READY";
    public static string AcknowledgeSale(long amountMinorUnits) => "ACK SALE " + amountMinorUnits.ToString(CultureInfo.InvariantCulture);
    public const string PromptCard = "PROMPT CARD";
    public static string CardRead(string maskedPan) => "CARD READ " + maskedPan;
    public const string CardReadError = "CARD READ ERROR";
    public const string Connecting = "CONNECTING";
    public const string Connected = "CONNECTED";
    public const string NoCarrier = "NO CARRIER";
    public static string Sent(string mti, string stan) => $"SENT {mti} STAN {stan}";
    public static string Received(string mti, string stan, string responseCode) => $"RECEIVED {mti} STAN {stan} CODE {Word(responseCode)}";
    public static string Ignored(string mti, string stan) => $"IGNORED {mti} STAN {stan}";
    public static string ReversalSent(string stan, string reason) => $"REVERSAL SENT {stan} {reason}";
    public static string ReversalAcknowledged(string stan) => "REVERSAL ACKED " + stan;
    public static string ReversalFailed(string stan) => "REVERSAL FAILED " + stan;
    public static string ResultApproved(string retrievalReferenceNumber, string authorizationCode) =>
        $"RESULT APPROVED {Word(retrievalReferenceNumber)} {Word(authorizationCode)}";
    public static string ResultDeclined(string responseCode) => "RESULT DECLINED " + Word(responseCode);
    public const string ResultTimeout = "RESULT TIMEOUT";
    public const string ResultNoCard = "RESULT NO CARD";
    public const string ResultCommunicationError = "RESULT COMM ERROR";
    public const string ResultMacError = "RESULT MAC ERROR";
    public const string ResultBusy = "RESULT BUSY";
    public static string StatusReport(string state, string? pendingReversalStan) =>
        $"STATUS {state} REVERSAL {pendingReversalStan ?? "NONE"}";
    public static string Error(string text) => "ERROR " + text;

    /// <summary>The firmware stopped on an internal error: ends the sale under way and answers every SALE until the power is cycled.</summary>
    public const string FirmwareFault = "ERROR FIRMWARE FAULT";

    /// <summary>The state a faulted terminal reports in its <c>STATUS</c> line.</summary>
    public const string FaultState = "FAULT";

    /// <summary>One protocol word: host fields can be blank or padded with spaces, which would split the line.</summary>
    public static string Word(string? value)
    {
        var trimmed = value?.Trim().Replace(' ', '_');
        return string.IsNullOrEmpty(trimmed) ? EmptyField : trimmed;
    }
}
