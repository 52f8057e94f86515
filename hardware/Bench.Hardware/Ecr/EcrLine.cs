namespace Bench.Hardware.Ecr;

/// <summary>
/// One line the terminal printed on its ECR port. <see cref="Timestamp"/> is a
/// <see cref="System.Diagnostics.Stopwatch"/> timestamp taken in the thread that read the line
/// feed, so every line sits on the bench's one monotonic timeline.
/// </summary>
/// <param name="Text">The line without its CR LF.</param>
/// <param name="Timestamp">Stopwatch ticks when the terminating line feed was read.</param>
/// <param name="Kind">What the line means; <see cref="EcrLineKind.Malformed"/> when it breaks the protocol.</param>
/// <param name="Arguments">The words after the keyword (for example the STAN of a <c>SENT</c> line).</param>
/// <param name="Error">Why the line is malformed; null for a well-formed line.</param>
public sealed record EcrLine(string Text, long Timestamp, EcrLineKind Kind, IReadOnlyList<string> Arguments, string? Error = null)
{
    /// <summary>For a <c>RESULT</c> line, its outcome; otherwise null.</summary>
    public EcrSaleOutcome? Outcome { get; init; }

    public override string ToString() => Error is null ? Text : $"{Text} (malformed: {Error})";
}
