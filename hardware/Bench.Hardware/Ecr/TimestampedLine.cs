namespace Bench.Hardware.Ecr;

/// <summary>A raw line off a serial stream: its text (CR LF removed), Stopwatch ticks at its line feed, and whether it was cut off.</summary>
public sealed record TimestampedLine(string Text, long Timestamp, bool Truncated);
