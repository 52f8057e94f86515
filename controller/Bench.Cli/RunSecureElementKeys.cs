using System.Security.Cryptography;
using System.Text;

namespace Bench.Cli;

/// <summary>
/// The key a run's simulated terminals seal card data in their flash under: HMAC-SHA256 of the run's id under a
/// secret kept outside every output folder (<c>secure-element.key</c> in the user's state folder, mode 0600). The
/// output folder alone therefore holds no readable card data, another run cannot read this run's reversal, and the
/// same run resumed (<c>--resume</c>) can, so a reversal pending when it was killed is still sent.
/// </summary>
public static class RunSecureElementKeys
{
    public const string SecretFileName = "secure-element.key";
    private const int SecretBytes = 32;

    /// <summary>The run's key, or null (a key per process: nothing sealed survives it) when no secret can be kept; <paramref name="problem"/> then says why.</summary>
    public static byte[]? For(string runKey, string stateFolder, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(runKey);
        try
        {
            var secret = Secret(stateFolder);
            problem = null;
            return HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes("bench secure element " + runKey));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            problem = $"{Path.Combine(stateFolder, SecretFileName)}: {error.Message}";
            return null;
        }
    }

    /// <summary><c>$XDG_STATE_HOME/bench</c>, else <c>~/.local/state/bench</c>.</summary>
    public static string DefaultStateFolder()
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state)) state = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(state, "bench");
    }

    private static byte[] Secret(string stateFolder)
    {
        var file = Path.Combine(stateFolder, SecretFileName);
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(stateFolder);
            var fresh = RandomNumberGenerator.GetBytes(SecretBytes);
            var temporary = file + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temporary, options)) stream.Write(fresh);
            // Two first runs at once: one rename wins, both then read the winner's secret.
            try
            {
                File.Move(temporary, file, overwrite: false);
            }
            catch (IOException) when (File.Exists(file))
            {
                File.Delete(temporary);
            }
        }
        var secret = File.ReadAllBytes(file);
        return secret.Length == SecretBytes ? secret : throw new InvalidDataException($"holds {secret.Length} bytes, not a {SecretBytes}-byte secret; delete it and a new one is made");
    }
}
