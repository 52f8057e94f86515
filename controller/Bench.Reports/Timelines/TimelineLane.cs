namespace Bench.Reports.Timelines;

/// <summary>The swimlanes of a trial timeline, top to bottom.</summary>
public enum TimelineLane
{
    /// <summary>The bench's own trial events: start, card prompted, host received the request …</summary>
    Bench,

    /// <summary>Lines on the terminal's ECR port, and the card swipe.</summary>
    Ecr,

    /// <summary>The terminal's own debug console.</summary>
    Terminal,

    /// <summary>Connections to the host, modems, carrier.</summary>
    Link,

    /// <summary>Frames the host received and sent (each labelled with its MTI), and its ledger bookings.</summary>
    Host,

    /// <summary>Injections as shaded spans, and other rig actions.</summary>
    Injections,
}
