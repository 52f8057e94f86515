namespace Bench.Hardware;

/// <summary>One GPIO a rig uses and what for, e.g. (17, "phone line relay").</summary>
public sealed record PinAssignment(int Pin, string Use);
