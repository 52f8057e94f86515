using System.Diagnostics;
using Bench.Codec;

namespace Bench.Cli.Benchmarks;

/// <summary>Single-thread decode and encode rates of one realistic sale.</summary>
internal static class CodecBenchmark
{
    public static int Run(TimeSpan duration)
    {
        var sale = BenchmarkMessages.Sale();
        var body = IsoCodec.Cup.Encode(sale);
        Console.WriteLine($"message: {sale} ({body.Length} bytes)");

        var decodeRate = Measure(duration, () => IsoCodec.Cup.Decode(body));
        var encodeRate = Measure(duration, () => IsoCodec.Cup.EncodeFrame(sale));
        Console.WriteLine($"decode: {decodeRate,12:N0} messages/s (one thread)");
        Console.WriteLine($"encode: {encodeRate,12:N0} messages/s (one thread, with length prefix)");
        return 0;
    }

    private static double Measure(TimeSpan duration, Func<object> operation)
    {
        // Warm up so tiered compilation has produced optimized code before the clock starts.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(0.5)) operation();

        long count = 0;
        object? last = null;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < 1_000; i++) last = operation();
            count += 1_000;
        }
        GC.KeepAlive(last);
        return count / clock.Elapsed.TotalSeconds;
    }
}
