namespace Bench.Hardware.Ecr;

/// <summary>What a line the terminal printed on its ECR port means (see README.md in this folder).</summary>
public enum EcrLineKind
{
    /// <summary>The line does not follow the protocol; <see cref="EcrLine.Error"/> says why.</summary>
    Malformed,
    Booting,
    SigningOn,
    SignedOn,
    SignOnFailed,
    Ready,
    Acknowledged,
    PromptCard,
    CardRead,
    CardReadError,
    Connecting,
    Connected,
    NoCarrier,
    Sent,
    Received,
    Ignored,
    ReversalSent,
    ReversalAcknowledged,
    ReversalFailed,
    Result,
    Status,
    Error,

    /// <summary>A scripted dialect's line that none of its patterns recognises: kept and timestamped, not an error.</summary>
    Unrecognized,
}
