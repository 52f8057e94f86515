using System.Diagnostics;

namespace Bench.Campaigns.Tests.Cli;

/// <summary>Runs the built <c>bench</c> command line as its own process, as a user or a nightly job does.</summary>
internal sealed class BenchProcess : IDisposable
{
    private readonly Process process;
    private readonly Task<string> output;
    private readonly Task<string> error;

    private BenchProcess(Process process)
    {
        this.process = process;
        output = process.StandardOutput.ReadToEndAsync();
        error = process.StandardError.ReadToEndAsync();
    }

    public int Id => process.Id;

    public static BenchProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "bench.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return new BenchProcess(Process.Start(start)!);
    }

    /// <summary>Runs to the end (at most <paramref name="limit"/>, then the test fails).</summary>
    public static async Task<BenchResult> RunAsync(TimeSpan limit, params string[] arguments)
    {
        using var bench = Start(arguments);
        return await bench.WaitAsync(limit);
    }

    public async Task<BenchResult> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"bench did not end within {limit.TotalSeconds:0} s");
        }
        return new BenchResult(process.ExitCode, await output, await error);
    }

    /// <summary>SIGKILL: the process gets no chance to end its run or release anything itself.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
