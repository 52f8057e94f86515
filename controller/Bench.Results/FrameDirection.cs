namespace Bench.Results;

/// <summary>Which way a frame travelled, seen from the bench's host.</summary>
public enum FrameDirection
{
    /// <summary>Terminal to host.</summary>
    Received,

    /// <summary>Host to terminal.</summary>
    Sent,
}
