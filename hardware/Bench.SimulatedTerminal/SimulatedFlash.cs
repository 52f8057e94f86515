using System.Security.Cryptography;
using System.Text.Json;

namespace Bench.SimulatedTerminal;

/// <summary>
/// The terminal's flash: one JSON file per record in a directory. Each write goes to a temporary
/// file, is flushed to the disk, then renamed over the old file, so a power cut leaves either the
/// old or the new record, never half of one. Writes and power-down share one lock: a write that
/// started before the cut completes, none starts after it.
/// Card data is kept as a real terminal's secure storage keeps it: <see cref="Seal"/> encrypts it
/// (AES-GCM) under a key that lives only in this object, the terminal's secure element. The key
/// survives power cycles (the object does) but not the process, so a flash folder left behind
/// holds no readable card data, and a later run cannot send an earlier run's reversal; unless the
/// terminal is given a key (a resumable run's, kept outside the output folder), which then unseals
/// what the same run sealed before it was interrupted.
/// </summary>
internal sealed class SimulatedFlash : IDisposable
{
    private const string SealedPrefix = "sealed:";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly string directory;
    private readonly Lock gate = new();
    private readonly AesGcm secureElement;

    /// <param name="secureElementKey">32 bytes; null draws a random key that dies with the process.</param>
    public SimulatedFlash(string directory, byte[]? secureElementKey = null)
    {
        this.directory = directory;
        Directory.CreateDirectory(directory);
        secureElement = new AesGcm(secureElementKey ?? RandomNumberGenerator.GetBytes(32), AesGcm.TagByteSizes.MaxSize);
    }

    /// <summary>Encrypts <paramref name="secret"/> for storage: <c>sealed:</c> and the base64 of nonce, tag and ciphertext.</summary>
    public string Seal(ReadOnlySpan<byte> secret)
    {
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var sealedBytes = new byte[nonceSize + tagSize + secret.Length];
        var nonce = sealedBytes.AsSpan(0, nonceSize);
        RandomNumberGenerator.Fill(nonce);
        lock (gate) secureElement.Encrypt(nonce, secret, sealedBytes.AsSpan(nonceSize + tagSize), sealedBytes.AsSpan(nonceSize, tagSize));
        return SealedPrefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>True when <paramref name="stored"/> is sealed text (from this flash or another).</summary>
    public static bool IsSealed(string stored) => stored.StartsWith(SealedPrefix, StringComparison.Ordinal);

    /// <summary>The secret sealed by this flash; null when it was sealed under another key (an earlier process) or is damaged.</summary>
    public byte[]? Unseal(string stored)
    {
        if (!IsSealed(stored)) return null;
        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(stored[SealedPrefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        if (sealedBytes.Length < nonceSize + tagSize) return null;
        var secret = new byte[sealedBytes.Length - nonceSize - tagSize];
        try
        {
            lock (gate) secureElement.Decrypt(sealedBytes.AsSpan(0, nonceSize), sealedBytes.AsSpan(nonceSize + tagSize), sealedBytes.AsSpan(nonceSize, tagSize), secret);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return secret;
    }

    public void Dispose() => secureElement.Dispose();

    public T? Read<T>(string name) where T : class
    {
        lock (gate)
        {
            var path = PathOf(name);
            if (!File.Exists(path)) return null;
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json);
        }
    }

    /// <summary>Writes the record; false (nothing written) when the session has lost power.</summary>
    public bool Write<T>(string name, T value, PowerSession session)
    {
        lock (gate)
        {
            if (!session.IsAlive) return false;
            var path = PathOf(name);
            var temporary = path + ".tmp";
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(file, value, Json);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
            return true;
        }
    }

    /// <summary>Deletes the record (a rename-free, atomic step); false when the session has lost power.</summary>
    public bool Delete(string name, PowerSession session)
    {
        lock (gate)
        {
            if (!session.IsAlive) return false;
            File.Delete(PathOf(name));
            return true;
        }
    }

    /// <summary>Marks the session dead once no write is in progress.</summary>
    public void PowerDown(PowerSession session)
    {
        lock (gate) session.MarkDead();
    }

    private string PathOf(string name) => Path.Combine(directory, name + ".json");
}
