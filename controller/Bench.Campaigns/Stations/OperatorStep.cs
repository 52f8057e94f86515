namespace Bench.Campaigns.Stations;

/// <summary>One step an operator did: the instruction, and the wait for it on the monotonic timeline (nanoseconds).</summary>
public sealed record OperatorStep(string Instruction, long StartedNanoseconds, long EndedNanoseconds)
{
    public TimeSpan Waited => TimeSpan.FromTicks((EndedNanoseconds - StartedNanoseconds) / 100);
}
