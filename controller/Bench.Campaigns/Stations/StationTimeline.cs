using Bench.Hardware.Ecr;
using Bench.Results;

namespace Bench.Campaigns.Stations;

/// <summary>
/// Puts what happens at a station on the run's one timeline (DESIGN.md §8), beside the host's
/// frames: ECR lines, console lines, swipes, injections and trial boundaries, each with the
/// monotonic time taken where it happened. Without a recorder it records nothing.
/// </summary>
public sealed class StationTimeline(FrameRecorder? recorder)
{
    public void Record(long timestampNanoseconds, string source, string kind, string detail) =>
        recorder?.Record(new EventRecord(timestampNanoseconds, source, kind, detail));

    public void RecordNow(string source, string kind, string detail) =>
        Record(MonotonicTime.NowNanoseconds(), source, kind, detail);

    /// <summary>Every line the terminal prints on its ECR port, stamped when its line feed arrived.</summary>
    public void Attach(IEcrSession ecr) =>
        ecr.LineReceived += line => Record(MonotonicTime.ToNanoseconds(line.Timestamp), "ecr", StationEventKinds.EcrLine, line.Text);
}
