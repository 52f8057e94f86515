using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Bench.Campaigns.Experiments;

namespace Bench.Campaigns.Running;

/// <summary>
/// What makes a campaign the same one for <c>bench run --resume</c>: a SHA-256 over the campaign file, every
/// fixture file it loads (rig, terminal profiles, card, host rules), each terminal's master key by its check value
/// (the key file itself may be a lab secret outside the repository; its check value changes with it) and the run's
/// <c>--set</c> overrides. A resumed search replays the stored trials, which only means something if every input
/// that decides a trial is unchanged. The baseline is not in it: it judges the results, it does not make them.
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
        var masterKeys = campaign.Experiments
            .Select(experiment => experiment.Terminal.MasterKey?.CheckValue ?? "none")
            .Distinct(StringComparer.Ordinal);
        foreach (var checkValue in masterKeys)
        {
            AppendLengthPrefixed(hash, Encoding.ASCII.GetBytes("master key " + checkValue));
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
