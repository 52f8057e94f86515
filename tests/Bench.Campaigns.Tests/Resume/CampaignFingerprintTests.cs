using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Running;
using Bench.Codec;

namespace Bench.Campaigns.Tests.Resume;

public sealed class CampaignFingerprintTests
{
    [Test]
    public void The_same_campaign_loaded_twice_has_the_same_fingerprint()
    {
        var path = RepositoryFiles.Fixture("campaigns/quickstart.yaml");

        Assert.That(CampaignFingerprint.Of(CampaignLoader.Load(path)), Is.EqualTo(CampaignFingerprint.Of(CampaignLoader.Load(path))));
    }

    [Test]
    public void Another_terminal_master_key_is_another_campaign()
    {
        var campaign = CampaignLoader.Load(RepositoryFiles.Fixture("campaigns/quickstart.yaml"));
        byte[] keyBytes = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
        var keyed = campaign with
        {
            Experiments = [.. campaign.Experiments.Select(e => e with { Terminal = e.Terminal with { MasterKey = new TerminalMasterKey(keyBytes) } })],
        };

        var plain = CampaignFingerprint.Of(campaign);
        var withKey = CampaignFingerprint.Of(keyed);

        Assert.Multiple(() =>
        {
            Assert.That(withKey, Is.Not.EqualTo(plain), "a resumed run under another master key would replay trials it did not run");
            Assert.That(withKey, Does.StartWith("sha256:"));
        });
    }
}
