using Bench.Results;
using Bench.Results.Capture;

namespace Bench.Cli;

/// <summary>Writes a run's capture.pcap from the results store at the end of a command, and says where (or why not).</summary>
internal static class RunCapture
{
    /// <summary>
    /// Writes the capture; a file that cannot be written (or a store that cannot be read, which then also ended
    /// the run) is one line on stderr, not a failed run of its own: the frames are in the results store.
    /// </summary>
    /// <param name="keepRawFrames">The run's <c>--raw-frames</c>: one flag for the store and the capture.</param>
    public static void Write(ResultsStore store, long runId, string path, bool keepRawFrames, string commandName)
    {
        try
        {
            var capture = CaptureExporter.Write(store, runId, path, new CaptureOptions { KeepRawFrames = keepRawFrames });
            Console.WriteLine($"capture:  {capture.Path} ({capture.Connections} TCP streams, {capture.Frames} frames{(capture.CardDataMasked ? ", card data masked" : "")})");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"{commandName}: {path}: cannot write the capture ({exception.Message}); the frames are in {store.Path}");
        }
    }
}
