using Bench.Codec;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>
/// A terminal with a master key: it unwraps the working keys of each sign-on reply, refuses keys whose check
/// values do not match, MACs with the received key, and never shows key material on its console.
/// </summary>
public sealed class WorkingKeyTests
{
    private static readonly TerminalMasterKey MasterKey = new(Convert.FromHexString("0416162A68982F1913B540BA2585C8E6"));
    private static readonly TerminalMasterKey OtherMasterKey = new(Convert.FromHexString("E0758FEC836D381345BCD06DD59D5ED6"));

    [Test]
    public async Task The_terminal_macs_its_sale_with_the_key_its_sign_on_delivered()
    {
        await using var rig = await TerminalRig.CreateAsync(masterKey: MasterKey);
        var issuer = new KeyIssuer(rig.Host, MasterKey);
        await rig.PowerOnAsync();

        var result = await rig.SellAsync(1_000);
        var sale = await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
            Assert.That(KeyIssuer.Verifies(sale, issuer.Issued[0]), Is.True, "MAC'd with the delivered key");
            Assert.That(KeyIssuer.Verifies(sale, TerminalRig.MacKey()), Is.False, "not with the option's clear key");
            Assert.That(rig.Terminal.ConsoleLines.Select(line => line.Text), Has.Some.StartsWith("WORKING KEYS LOADED, CHECK VALUES PIN "));
        });
        issuer.AssertNoKeyMaterialIn(rig.Terminal.ConsoleLines.Select(line => line.Text));
        issuer.AssertNoKeyMaterialIn(rig.Ecr.Lines.Select(line => line.Text));
    }

    [Test]
    public async Task A_check_value_mismatch_fails_the_sign_on_and_no_sale_goes_out_until_keys_check()
    {
        await using var rig = await TerminalRig.CreateAsync(masterKey: MasterKey);
        var issuer = new KeyIssuer(rig.Host, MasterKey) { DamageMacCheckValue = true };

        rig.Terminal.PowerOn();
        var failed = await rig.Ecr.WaitForAsync(EcrLineKind.SignOnFailed, rig.Token);
        await rig.WaitForStateAsync(TerminalState.Idle);
        var refusedSale = await rig.SellAsync(1_000);
        issuer.DamageMacCheckValue = false;
        var mark = rig.Ecr.LineCount;
        var approved = await rig.SellAsync(2_000);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Text, Is.EqualTo(EcrProtocol.SignOnFailed(SimulatedTerminal.KeyErrorReason)));
            Assert.That(rig.Terminal.ConsoleLines.Select(line => line.Text), Has.Some.EqualTo("SIGN ON KEYS REFUSED: MAC KEY CHECK VALUE MISMATCH"));
            Assert.That(refusedSale.Outcome, Is.EqualTo(EcrSaleOutcome.CommunicationError), "the sale signs on first, and that fails again");
            Assert.That(rig.Host.Received.Count(request => request.Mti == MessageTypes.FinancialRequest), Is.EqualTo(1), "only the sale after good keys");
            Assert.That(rig.Ecr.Lines.Skip(mark).Select(line => line.Kind), Has.Member(EcrLineKind.SignedOn));
            Assert.That(approved.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
        });
        issuer.AssertNoKeyMaterialIn(rig.Terminal.ConsoleLines.Select(line => line.Text));
    }

    [Test]
    public async Task Keys_wrapped_under_another_terminals_master_key_are_refused()
    {
        await using var rig = await TerminalRig.CreateAsync(masterKey: MasterKey);
        var issuer = new KeyIssuer(rig.Host, OtherMasterKey);

        rig.Terminal.PowerOn();
        await rig.Ecr.WaitForAsync(EcrLineKind.SignOnFailed, rig.Token);

        Assert.Multiple(() =>
        {
            Assert.That(rig.Terminal.IsSignedOn, Is.False);
            Assert.That(rig.Terminal.ConsoleLines.Select(line => line.Text), Has.Some.EqualTo("SIGN ON KEYS REFUSED: PIN KEY CHECK VALUE MISMATCH"));
        });
        issuer.AssertNoKeyMaterialIn(rig.Terminal.ConsoleLines.Select(line => line.Text));
    }

    [Test]
    public async Task After_an_A0_the_terminal_signs_on_again_and_macs_with_the_fresh_key()
    {
        await using var rig = await TerminalRig.CreateAsync(masterKey: MasterKey);
        var issuer = new KeyIssuer(rig.Host, MasterKey);
        await rig.PowerOnAsync();
        var first = await rig.SellAsync(1_000);

        // The host lost the terminal's keys (a restart): the next MAC fails there.
        issuer.Forget();
        var refused = await rig.SellAsync(2_000);
        await rig.Host.WaitForCountAsync(request => request.Mti == MessageTypes.NetworkManagementRequest, 2, rig.Token);
        await rig.WaitForStateAsync(TerminalState.Idle);
        var after = await rig.SellAsync(3_000);
        var sales = rig.Host.Received.Where(request => request.Mti == MessageTypes.FinancialRequest).ToList();

        Assert.Multiple(() =>
        {
            Assert.That((first.Outcome, refused.Outcome, after.Outcome), Is.EqualTo((EcrSaleOutcome.Approved, EcrSaleOutcome.Declined, EcrSaleOutcome.Approved)));
            Assert.That(issuer.Issued, Has.Count.EqualTo(2));
            Assert.That(issuer.Issued[1], Is.Not.EqualTo(issuer.Issued[0]));
            Assert.That(KeyIssuer.Verifies(sales[2], issuer.Issued[1]), Is.True, "the sale after the re-sign-on uses the fresh key");
            Assert.That(KeyIssuer.Verifies(sales[2], issuer.Issued[0]), Is.False);
        });
    }

    /// <summary>
    /// An acquirer's key management in miniature, on the fake host: each sign-on hands out the next MAC key
    /// (and a PIN key), wrapped under a master key; sales and reversals are checked with the current MAC key
    /// (A0, unsigned, when it does not verify) and approved replies are signed with it.
    /// </summary>
    private sealed class KeyIssuer
    {
        private static readonly string[] MacKeys = ["3B3B3B3B3B3B3B3B", "4C4C4C4C4C4C4C4C", "5D5D5D5D5D5D5D5D", "6E6E6E6E6E6E6E6E"];
        private static readonly byte[] PinKey = Convert.FromHexString("7A7A7A7A7A7A7A7A");
        private static readonly DateTime HostTime = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Local);
        private readonly FakeHost host;
        private readonly TerminalMasterKey masterKey;
        private readonly List<byte[]> issued = [];
        private readonly Lock gate = new();
        private byte[]? current;

        public KeyIssuer(FakeHost host, TerminalMasterKey masterKey)
        {
            this.host = host;
            this.masterKey = masterKey;
            host.Respond = Respond;
        }

        /// <summary>Send a MAC key check value that is not the key's.</summary>
        public bool DamageMacCheckValue { get; set; }

        public IReadOnlyList<byte[]> Issued
        {
            get { lock (gate) return [.. issued]; }
        }

        public void Forget()
        {
            lock (gate) current = null;
        }

        public static bool Verifies(IsoMessage message, byte[] macKey)
        {
            using var mac = new MessageAuthenticationCode(macKey);
            return new MessageSigner(IsoCodec.Cup, mac).Verify(message);
        }

        /// <summary>No line shows a clear key or a wrapped one, as hex in either case.</summary>
        public void AssertNoKeyMaterialIn(IEnumerable<string> lines)
        {
            var secrets = Issued.Append(PinKey).SelectMany(key => new[] { key, masterKey.Wrap(key) }).Select(Convert.ToHexString).ToList();
            var text = string.Join("\n", lines);
            foreach (var secret in secrets)
                Assert.That(text, Does.Not.Contain(secret).IgnoreCase, "key material on a console or the ECR port");
        }

        private IsoMessage? Respond(IsoMessage request)
        {
            lock (gate)
            {
                switch (request.Mti)
                {
                    case MessageTypes.NetworkManagementRequest:
                        current = Convert.FromHexString(MacKeys[issued.Count % MacKeys.Length]);
                        issued.Add(current);
                        var macCheck = WorkingKeyField.CheckValue(current);
                        if (DamageMacCheckValue) macCheck[0] ^= 0xFF;
                        return host.DefaultReply(request).With(WorkingKeyField.FieldNumber, WorkingKeyField.Format(
                            masterKey.Wrap(PinKey), WorkingKeyField.CheckValue(PinKey), masterKey.Wrap(current), macCheck));
                    case MessageTypes.FinancialRequest or MessageTypes.ReversalRequest:
                        if (current is null || !Verifies(request, current)) return host.Decline(request, ResponseCodes.MacFailure);
                        using (var mac = new MessageAuthenticationCode(current))
                        {
                            return new MessageSigner(IsoCodec.Cup, mac).Sign(ReplyBuilder.To(request, new ReplyDetails(ResponseCodes.Approved, HostTime)
                            {
                                RetrievalReferenceNumber = "RRN" + request.Required(11) + "000",
                                AuthorizationCode = "AU" + request.Required(11)[2..],
                            }));
                        }
                    default:
                        return host.DefaultReply(request);
                }
            }
        }
    }
}
