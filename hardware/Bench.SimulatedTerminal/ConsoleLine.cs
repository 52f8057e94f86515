namespace Bench.SimulatedTerminal;

/// <summary>
/// One line of the terminal's debug console. <see cref="TerminalTime"/> is the firmware's clock (the
/// injected TimeProvider); <see cref="Timestamp"/> is Stopwatch ticks when it was printed.
/// Card numbers are masked.
/// </summary>
public sealed record ConsoleLine(DateTimeOffset TerminalTime, long Timestamp, string Text);
