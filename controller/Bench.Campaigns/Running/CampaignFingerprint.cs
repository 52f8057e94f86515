using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Bench.Campaigns.Experiments;

namespace Bench.Campaigns.Running;

/// <summary>
/// What makes a campaign the same one for <c>bench run --resume</c>: a SHA-256 over the campaign file, every
/// fixture file it loads (rig, terminal profiles, card, host rules) and the run's <c>--set</c> overrides. A
/// resumed search replays the stored trials, which only means something if every input is unchanged.
/// </summary>
public static class CampaignFingerprint
{
    public static string Of(CampaignDefinition campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = new List<string> { campaign.SourceFile, campaign.RigFile, campaign.TerminalFile, campaign.CardFile };
        if (campaign.HostRulesFile is { } rules) files.Add(rules);
        files.AddRange(campaign.Experiments.Select(experiment => experiment.TerminalFile));
        foreach (var file in files.Distinct(StringComparer.Ordinal))
        {
            // Contents, not paths: the same files reached by another path are the same campaign.
            var contents = File.ReadAllBytes(file);
            AppendLengthPrefixed(hash, contents);
        }
        foreach (var applied in campaign.Overrides)
        {
            AppendLengthPrefixed(hash, Encoding.UTF8.GetBytes(applied.ToString()));
        }
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendLengthPrefixed(IncrementalHash hash, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
