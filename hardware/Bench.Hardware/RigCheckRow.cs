namespace Bench.Hardware;

/// <summary>One line of the rig check's table.</summary>
/// <param name="Channel">The device or circuit, e.g. "phone line relay (GPIO 17)".</param>
/// <param name="Action">What was done to it, e.g. "cut".</param>
/// <param name="Expected">What the read-back should say.</param>
/// <param name="Seen">What it said (or why nothing could be read).</param>
/// <param name="Verdict">Pass, fail or unchecked.</param>
public sealed record RigCheckRow(string Channel, string Action, string Expected, string Seen, RigCheckVerdict Verdict);
