using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Bench.Campaigns.Tests.Deployment;

/// <summary>
/// <c>deploy/publish-pi.sh</c> from a clean copy of the repository (what git tracks, and what it would track, nothing it
/// ignores): the publish restores and builds from scratch, away from this test run's own bin/ and obj/, and what it
/// leaves is checked here independently of the script's own checks: the bench and SkiaSharp's native library are 64-bit
/// little-endian ELF files for AArch64, the Raspberry Pi's machine.
/// </summary>
[NonParallelizable]
public sealed class PiPublishTests
{
    /// <summary>A cold publish (restore, build, self-contained runtime) takes about a minute; a loaded CI machine may take several.</summary>
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan GitLimit = TimeSpan.FromMinutes(1);

    private const int TailLines = 40;

    // ELF header (System V ABI): the magic, EI_CLASS at 4 (2 = 64-bit), EI_DATA at 5 (1 = little endian), e_machine at 18.
    private const byte ElfClass64 = 2;
    private const byte ElfDataLittleEndian = 1;
    private const ushort MachineAArch64 = 0xB7;

    [Test]
    public async Task Publishing_for_the_Pi_from_a_clean_copy_of_the_repository_gives_an_AArch64_bench_and_SkiaSharp()
    {
        var root = RepositoryFiles.Root;
        using var folder = new TemporaryDirectory();
        var copy = Path.Combine(folder.Path, "repository");
        var output = Path.Combine(folder.Path, "pi-bench");
        var copied = await CopyRepositoryAsync(root, copy);
        Assert.That(copied, Is.GreaterThan(0), "git listed no files in the repository");
        Assert.That(File.Exists(Path.Combine(copy, "deploy", "publish-pi.sh")), Is.True, "the copy holds deploy/publish-pi.sh");

        var publish = await RunAsync("bash", copy, PublishLimit, Path.Combine("deploy", "publish-pi.sh"), output);

        Assert.That(publish.ExitCode, Is.Zero,
            $"deploy/publish-pi.sh failed with exit code {publish.ExitCode}.\nstderr (tail):\n{Tail(publish.Error)}\nstdout (tail):\n{Tail(publish.Output)}");
        Assert.Multiple(() =>
        {
            foreach (var file in new[] { "bench", "libSkiaSharp.so" })
            {
                var path = Path.Combine(output, file);
                if (!File.Exists(path))
                {
                    Assert.Fail($"{file} is missing from the published folder");
                    continue;
                }
                var header = ElfHeader.Read(path);
                Assert.That(header.HasMagic, Is.True, $"{file} is not an ELF file");
                Assert.That(header.Class, Is.EqualTo(ElfClass64), $"{file}: EI_CLASS (2 = 64-bit)");
                Assert.That(header.Data, Is.EqualTo(ElfDataLittleEndian), $"{file}: EI_DATA (1 = little endian)");
                Assert.That(header.Machine, Is.EqualTo(MachineAArch64), $"{file}: e_machine 0x{header.Machine:X} (0xB7 = AArch64)");
            }
        });
    }

    /// <summary>
    /// Copies what <c>git ls-files -co --exclude-standard</c> lists (tracked files and untracked ones not ignored) into
    /// <paramref name="destination"/>; a tracked file deleted in the working tree is not there to copy and is skipped.
    /// </summary>
    private static async Task<int> CopyRepositoryAsync(string root, string destination)
    {
        ProcessResult listing;
        try
        {
            listing = await RunAsync("git", root, GitLimit, "ls-files", "-z", "-c", "-o", "--exclude-standard");
        }
        catch (Win32Exception exception)
        {
            Assert.Fail($"git could not be started ({exception.Message}): this test copies the repository by git's file list and needs git on PATH");
            throw;
        }
        Assert.That(listing.ExitCode, Is.Zero, $"git ls-files in {root} failed (is it a git checkout?):\n{Tail(listing.Error)}");

        var copied = 0;
        foreach (var relative in listing.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(root, relative);
            if (!File.Exists(source)) continue;
            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            copied++;
        }
        return copied;
    }

    /// <summary>
    /// Runs a program to its end, its output collected; past <paramref name="limit"/> its whole process tree is killed
    /// and the test fails. The test host's MSBuild variables are not passed on: they would point a nested
    /// <c>dotnet publish</c> at this run's MSBuild instead of the SDK's own.
    /// </summary>
    private static async Task<ProcessResult> RunAsync(string program, string workingDirectory, TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not end within {limit.TotalMinutes:0} min and was killed.\n"
                + $"stderr (tail):\n{Tail(await error)}\nstdout (tail):\n{Tail(await output)}");
        }
        return new ProcessResult(process.ExitCode, await output, await error);
    }

    private static string Tail(string text) =>
        string.Join('\n', text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).TakeLast(TailLines));

    private sealed record ProcessResult(int ExitCode, string Output, string Error);

    /// <summary>The fields of an ELF file's identification and header that say which machine it runs on.</summary>
    private sealed record ElfHeader(bool HasMagic, byte Class, byte Data, ushort Machine)
    {
        // e_machine is two bytes at offset 18, after e_ident (16 bytes) and e_type (2).
        private const int Length = 20;

        public static ElfHeader Read(string path)
        {
            var bytes = new byte[Length];
            using (var stream = File.OpenRead(path))
            {
                stream.ReadExactly(bytes);
            }
            var magic = bytes[0] == 0x7F && bytes[1] == (byte)'E' && bytes[2] == (byte)'L' && bytes[3] == (byte)'F';
            return new ElfHeader(magic, bytes[4], bytes[5], (ushort)(bytes[18] | (bytes[19] << 8)));
        }
    }
}
