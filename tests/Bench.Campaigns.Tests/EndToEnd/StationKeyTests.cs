using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Stations;
using Bench.Codec;
using Bench.Hardware.Ecr;
using Bench.Host;
using Bench.Results;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// Terminal keys on the simulated station with a shipped profile (its fixture TMK): the real host wraps the
/// working keys under it, the simulated terminal unwraps them, both MAC with that terminal's own key, a
/// re-sign-on changes it, and neither results.db nor the terminal's console holds key material.
/// </summary>
[NonParallelizable]
public sealed class StationKeyTests
{
    private static readonly TimeSpan WallLimit = TimeSpan.FromSeconds(30);

    [Test]
    public async Task The_station_terminal_macs_with_keys_wrapped_under_its_master_key_and_a_re_sign_on_renews_them()
    {
        using var folder = new TemporaryDirectory();
        var profile = TerminalProfileLoader.Load(RepositoryFiles.Fixture("terminals/verifone-vx520-ethernet.yaml"));
        var store = ResultsStore.Open(Path.Combine(folder.Path, "results.db"));
        var recorder = new FrameRecorder(store, store.CreateRun("keys"));
        var simulated = await SimulatedStation.StartAsync(
            RigDefinitionLoader.Load(RepositoryFiles.Fixture("rigs/simulated.yaml")),
            profile,
            TestCardLoader.Load(RepositoryFiles.Fixture("cards/unionpay-test-debit.yaml")),
            HostRuleSet.ApproveAll,
            Path.Combine(folder.Path, "flash"),
            recorder);
        try
        {
            var station = simulated.Station;
            // The frames as they crossed the wire: a stored sale's body is masked, and its MAC with it.
            using var traffic = new HostTrafficObserver(station.Host);
            var keys = station.Host.Authorizer.Keys;
            var firstKeys = keys.KeysOf(profile.TerminalId);
            // The host's reply asks for a new sign-on in its header (processing requirement 3), then approves.
            station.Host.Rules = HostRuleSet.ApproveAll with
            {
                Rules =
                [
                    new HostRule("re-sign-on after the first sale",
                        new RuleMatch { Mtis = new HashSet<string> { MessageTypes.FinancialRequest } },
                        new ReSignOnAction(null, ApproveAction.Instance)),
                ],
            };
            var mark = station.Ecr.LineCount;
            var first = await SaleAsync(station);
            station.Host.Rules = HostRuleSet.ApproveAll;
            using (var limit = new CancellationTokenSource(WallLimit))
            {
                // The sign-on the header asked for ends with READY, as the one at boot does.
                await station.Ecr.WaitForAsync(line => line.Kind == EcrLineKind.Ready, mark, limit.Token);
            }
            var secondKeys = keys.KeysOf(profile.TerminalId);
            var second = await SaleAsync(station);
            await recorder.FlushAsync();

            var frames = store.ReadFrames();
            var sales = traffic.Frames.Select(frame => frame.Message).OfType<IsoMessage>().Where(message => message.Mti == MessageTypes.FinancialRequest).ToList();
            var signOnReplies = frames.Where(frame => frame.Mti == MessageTypes.NetworkManagementResponse).ToList();
            var console = string.Join("\n", simulated.Terminal.ConsoleLines.Select(line => line.Text));
            Assert.Multiple(() =>
            {
                Assert.That((first.Outcome, second.Outcome), Is.EqualTo((EcrSaleOutcome.Approved, EcrSaleOutcome.Approved)));
                Assert.That(firstKeys, Is.Not.Null.And.Not.EqualTo(WorkingKeys.Test));
                Assert.That(secondKeys, Is.Not.Null.And.Not.EqualTo(firstKeys));
                Assert.That(Verifies(sales[0], firstKeys!.MacKey), Is.True, "the first sale under the first sign-on's key");
                Assert.That(Verifies(sales[1], secondKeys!.MacKey), Is.True, "the second under the re-sign-on's");
                Assert.That(Verifies(sales[1], firstKeys.MacKey), Is.False);
                Assert.That(signOnReplies, Has.Count.EqualTo(2));
                Assert.That(signOnReplies.Select(frame => frame.CardDataMasked), Has.All.True);
                Assert.That(signOnReplies.Select(frame => frame.Summary), Has.All.Contain("62=[working keys, check values PIN "));
                foreach (var clear in new[] { firstKeys, secondKeys })
                {
                    var field = clear.ToField62(profile.MasterKey!);
                    foreach (var secret in new[] { field[..16], field[24..40], Convert.ToHexString(clear.MacKey), Convert.ToHexString(clear.PinKey) })
                    {
                        Assert.That(console, Does.Not.Contain(secret), "the terminal's console");
                        Assert.That(store.AllTextValues().Select(value => value.Value), Has.None.Contains(secret), "results.db text");
                        Assert.That(signOnReplies.Select(frame => Convert.ToHexString(frame.Body)),
                            Has.None.Contains(Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(secret))), "results.db frame bodies");
                    }
                }
            });
        }
        finally
        {
            await simulated.DisposeAsync();
            await recorder.DisposeAsync();
            store.Dispose();
        }
    }

    private static bool Verifies(IsoMessage message, byte[] macKey)
    {
        using var mac = new MessageAuthenticationCode(macKey);
        return new MessageSigner(IsoCodec.Cup, mac).Verify(message);
    }

    private static async Task<EcrSaleResult> SaleAsync(TestStation station)
    {
        using var limit = new CancellationTokenSource(WallLimit);
        var mark = station.Ecr.LineCount;
        var sale = station.Ecr.SaleAsync(2_500, limit.Token);
        await station.Ecr.WaitForAsync(line => line.Kind == EcrLineKind.PromptCard, mark, limit.Token);
        await station.Rig.SwipeAsync(limit.Token);
        return await sale;
    }
}
