using System.Text.Json;

namespace Bench.Cli;

/// <summary>
/// An output folder belongs to one run at a time. The lock is an exclusive lock on
/// <c>.bench.lock</c> in the folder (<c>flock</c> on Linux, taken by opening it with
/// <see cref="FileShare.None"/>), so the kernel releases it when the process ends, however it
/// ends: a killed run never leaves the folder locked. Who holds it is written beside it, in
/// <c>.bench-holder.json</c>, so a refused run can say whose it is.
/// </summary>
public sealed class OutputFolderLock : IDisposable
{
    public const string LockFileName = ".bench.lock";
    public const string HolderFileName = ".bench-holder.json";
    private readonly FileStream lockFile;

    private OutputFolderLock(FileStream lockFile) => this.lockFile = lockFile;

    /// <summary>Takes the folder's lock at once, or says who holds it; never waits.</summary>
    /// <param name="holder">Written beside the lock once it is taken.</param>
    /// <exception cref="OutputFolderBusyException">Another process holds the lock.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static OutputFolderLock Acquire(string folder, OutputFolderHolder holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var lockPath = Path.Combine(folder, LockFileName);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error) when (File.Exists(lockPath) && error is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new OutputFolderBusyException(folder, ReadHolder(folder), error);
        }

        try
        {
            File.WriteAllText(Path.Combine(folder, HolderFileName), JsonSerializer.Serialize(holder));
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }

        return new OutputFolderLock(lockFile);
    }

    /// <summary>Releases the lock (the holder file stays: it is overwritten by the next run that takes it).</summary>
    public void Dispose() => lockFile.Dispose();

    private static OutputFolderHolder? ReadHolder(string folder)
    {
        try
        {
            return JsonSerializer.Deserialize<OutputFolderHolder>(File.ReadAllText(Path.Combine(folder, HolderFileName)));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            // Not written yet (the holder is starting) or unreadable: the refusal says so.
            return null;
        }
    }
}
