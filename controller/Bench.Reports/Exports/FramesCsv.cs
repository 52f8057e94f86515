using Bench.Codec;
using Bench.Results;

namespace Bench.Reports.Exports;

/// <summary>
/// frames.csv: every frame of the run with its monotonic time, connection, direction, MTI, STAN, the masked
/// summary and the body in hex. Card data is always masked here (first 6, last 4; tracks zeroed), even for a
/// run stored with <c>--raw-frames</c>: a CSV travels further than the database.
/// </summary>
public static class FramesCsv
{
    public const string FileName = "frames.csv";

    public static readonly IReadOnlyList<string> Header =
    [
        "id", "timestamp_ns", "seconds_since_run_start", "connection", "direction", "mti", "stan", "summary", "body_hex",
    ];

    public static string Write(ReportRun run, string directory)
    {
        ArgumentNullException.ThrowIfNull(run);
        var path = Path.Combine(directory, FileName);
        var origin = run.Run.StartedNanoseconds ?? run.Frames.Select(frame => frame.TimestampNanoseconds).DefaultIfEmpty(0).Min();
        Csv.Write(path, Header, run.Frames.Select(frame => (IReadOnlyList<string?>)
        [
            Csv.Number(frame.Id),
            Csv.Number(frame.TimestampNanoseconds),
            Csv.Number((frame.TimestampNanoseconds - origin) / 1e9),
            frame.ConnectionId,
            frame.Direction == FrameDirection.Sent ? "sent" : "received",
            frame.Mti,
            frame.Stan,
            frame.Summary,
            Convert.ToHexString(CardDataMask.Mask(frame.Body).Body),
        ]));
        return path;
    }
}
