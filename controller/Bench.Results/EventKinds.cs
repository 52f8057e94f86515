namespace Bench.Results;

/// <summary>Event kinds the host and recorder write; other components add their own.</summary>
public static class EventKinds
{
    /// <summary>Bytes from a peer that break the wire format; detail names connection, element, offset, reason.</summary>
    public const string ProtocolError = "protocol-error";
    public const string ConnectionOpened = "connection-opened";
    public const string ConnectionClosed = "connection-closed";
    /// <summary>A peer sent nothing for longer than the idle allowance between frames.</summary>
    public const string IdleTimeout = "idle-timeout";
    /// <summary>A reply the host meant to send could not be written (the peer had gone).</summary>
    public const string ReplyNotDelivered = "reply-not-delivered";
    /// <summary>A ledger entry: debit, reversal, duplicate reversal, reversal without debit, void.</summary>
    public const string Ledger = "ledger";
    /// <summary>An unexpected failure inside the host: always a bench bug, never the terminal's.</summary>
    public const string HostError = "host-error";
}
