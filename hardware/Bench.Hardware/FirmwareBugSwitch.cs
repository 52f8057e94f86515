namespace Bench.Hardware;

/// <summary>One of the <see cref="FirmwareBugs"/>: its profile key and how to read and set it.</summary>
public sealed record FirmwareBugSwitch(string Name, Func<FirmwareBugs, bool> IsOn, Func<FirmwareBugs, bool, FirmwareBugs> Set);
