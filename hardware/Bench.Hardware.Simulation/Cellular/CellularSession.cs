namespace Bench.Hardware.Simulation.Cellular;

/// <summary>One data session (PDP context) of a cellular module, from attach to its loss.</summary>
/// <param name="Number">Numbers the module's sessions from 1: a new attach is a new session.</param>
/// <param name="AttachedTimestamp">When the attach completed (the module's clock).</param>
public sealed record CellularSession(int Number, long AttachedTimestamp);
