using Bench.Codec;
using Bench.Results;
using Bench.Results.Capture;

namespace Bench.Host.Tests;

/// <summary>
/// Working keys per terminal: wrapped under each terminal's master key at sign-on, fresh at every sign-on,
/// each terminal's MACs checked with its own key, and no key material at rest.
/// </summary>
[TestFixture]
public sealed class TerminalKeyTests
{
    // The textbook double-length test key; its check value 08D7B4 is the one published with it.
    private static readonly TerminalMasterKey VectorKey = new(Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210"));
    private static readonly TerminalMasterKey FirstKey = new(Convert.FromHexString("0416162A68982F1913B540BA2585C8E6"));
    private static readonly TerminalMasterKey SecondKey = new(Convert.FromHexString("E0758FEC836D381345BCD06DD59D5ED6"));

    private static HostOptions TwoTerminals() => new()
    {
        TerminalMasterKeys = new Dictionary<string, TerminalMasterKey> { ["TERM0001"] = FirstKey, ["TERM0002"] = SecondKey },
    };

    private static IsoMessage Sale(int stan, string terminalId, byte[] macKey)
    {
        using var mac = new MessageAuthenticationCode(macKey);
        return new MessageSigner(IsoCodec.Cup, mac).Sign(
            TestMessages.Terminal(terminalId).Sale(new SaleDetails(TestMessages.Card, 12_345, TestMessages.Stan(stan), TestMessages.Batch)));
    }

    /// <summary>Signs on and unwraps the MAC key as a terminal does, checking it against its check value.</summary>
    private static async Task<byte[]> SignOnAsync(TestTerminal terminal, string terminalId, TerminalMasterKey masterKey, int stan)
    {
        await terminal.SendAsync(TestMessages.SignOn(stan, terminalId));
        var reply = await terminal.ReceiveAsync();
        Assert.That(reply.ResponseCode, Is.EqualTo(ResponseCodes.Approved));
        var field = WorkingKeyField.TryParse(reply[62]) ?? throw new AssertionException("field 62 is not the 48-hex-digit layout");
        var macKey = masterKey.Unwrap(field.MacKey);
        Assert.That(WorkingKeyField.CheckValueMatches(macKey, field.MacKeyCheckValue), Is.True, "the MAC key unwraps to its check value");
        Assert.That(WorkingKeyField.CheckValueMatches(masterKey.Unwrap(field.PinKey), field.PinKeyCheckValue), Is.True, "so does the PIN key");
        return macKey;
    }

    [Test]
    public void Wrapping_under_a_master_key_matches_a_known_triple_des_vector_and_unwraps_back()
    {
        // Computed with System.Security.Cryptography.TripleDES (ECB, key K1 K2 K1) and confirmed with
        // `openssl enc -des-ede3-ecb -nopad -K 0123456789ABCDEFFEDCBA98765432100123456789ABCDEF`:
        // 2C2C2C2C2C2C2C2C → E6A4A2CE50F516F4, 1313131313131313 → 2ADB94D065A39091, 0000000000000000 → 08D7B4FB...
        // The clear keys' DES check values: 2C… → 7DCCC004, 13… → A8B7B5BD.
        var wrapped = VectorKey.Wrap(WorkingKeys.Test.MacKey);

        Assert.Multiple(() =>
        {
            Assert.That(VectorKey.CheckValue, Is.EqualTo("08D7B4"));
            Assert.That(Convert.ToHexString(wrapped), Is.EqualTo("E6A4A2CE50F516F4"));
            Assert.That(VectorKey.Unwrap(wrapped), Is.EqualTo(WorkingKeys.Test.MacKey));
            Assert.That(WorkingKeys.Test.ToField62(VectorKey), Is.EqualTo("2ADB94D065A39091" + "A8B7B5BD" + "E6A4A2CE50F516F4" + "7DCCC004"));
            Assert.That(WorkingKeys.Test.ToField62(), Is.EqualTo("1313131313131313" + "A8B7B5BD" + "2C2C2C2C2C2C2C2C" + "7DCCC004"));
        });
    }

    [Test]
    public void A_key_unwrapped_under_the_wrong_master_key_fails_its_check_value()
    {
        var field = WorkingKeyField.TryParse(WorkingKeys.Test.ToField62(FirstKey))!;

        Assert.Multiple(() =>
        {
            Assert.That(WorkingKeyField.CheckValueMatches(FirstKey.Unwrap(field.MacKey), field.MacKeyCheckValue), Is.True);
            Assert.That(WorkingKeyField.CheckValueMatches(SecondKey.Unwrap(field.MacKey), field.MacKeyCheckValue), Is.False);
            Assert.That(WorkingKeyField.CheckValueMatches(FirstKey.Unwrap(field.MacKey), field.PinKeyCheckValue), Is.False, "the PIN key's check value is not the MAC key's");
        });
    }

    [Test]
    public void A_master_key_names_itself_by_its_check_value_and_refuses_single_des()
    {
        Assert.Multiple(() =>
        {
            Assert.That(VectorKey.ToString(), Is.EqualTo("TerminalMasterKey { check value 08D7B4 }"));
            Assert.That(new TerminalMasterKey(Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210")), Is.EqualTo(VectorKey));
            Assert.That(FirstKey, Is.Not.EqualTo(VectorKey));
            var halves = Assert.Throws<ArgumentException>(() => _ = new TerminalMasterKey(Convert.FromHexString("0123456789ABCDEF0123456789ABCDEF")));
            Assert.That(halves!.Message, Does.Contain("halves").And.Not.Contain("0123456789"));
            Assert.Throws<ArgumentException>(() => _ = new TerminalMasterKey(new byte[15]));
            Assert.Throws<ArgumentException>(() => VectorKey.Wrap(new byte[7]));
        });
    }

    [Test]
    public void Generated_working_keys_are_fresh_odd_parity_and_never_weak()
    {
        var generated = Enumerable.Range(0, 200).Select(_ => WorkingKeys.Generate()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(generated.Distinct().Count(), Is.EqualTo(generated.Count));
            foreach (var keys in generated)
            {
                Assert.That(keys.PinKey, Is.Not.EqualTo(keys.MacKey));
                foreach (var key in new[] { keys.PinKey, keys.MacKey })
                {
                    Assert.That(key.All(b => System.Numerics.BitOperations.PopCount(b) % 2 == 1), Is.True, "odd parity");
                    Assert.That(System.Security.Cryptography.DES.IsWeakKey(key) || System.Security.Cryptography.DES.IsSemiWeakKey(key), Is.False);
                }
            }
        });
    }

    [Test]
    public async Task Two_terminals_are_each_verified_with_their_own_key_and_a_mac_under_the_other_ones_is_refused_with_A0()
    {
        await using var fixture = HostFixture.Start(options: TwoTerminals());
        await using var first = await fixture.ConnectAsync();
        await using var second = await fixture.ConnectAsync();
        var firstMac = await SignOnAsync(first, "TERM0001", FirstKey, 1);
        var secondMac = await SignOnAsync(second, "TERM0002", SecondKey, 1);

        await first.SendAsync(Sale(2, "TERM0001", firstMac));
        var firstReply = await first.ReceiveAsync();
        await second.SendAsync(Sale(2, "TERM0002", secondMac));
        var secondReply = await second.ReceiveAsync();
        await second.SendAsync(Sale(3, "TERM0002", firstMac));
        var crossed = await second.ReceiveAsync();
        await second.SendAsync(Sale(4, "TERM0002", WorkingKeys.Test.MacKey));
        var sharedKey = await second.ReceiveAsync();

        using var firstVerifier = new MessageAuthenticationCode(firstMac);
        Assert.Multiple(() =>
        {
            Assert.That(firstMac, Is.Not.EqualTo(secondMac));
            Assert.That((firstReply.ResponseCode, secondReply.ResponseCode), Is.EqualTo(("00", "00")));
            Assert.That(new MessageSigner(IsoCodec.Cup, firstVerifier).Verify(firstReply), Is.True, "the reply is signed with the terminal's own key");
            Assert.That(crossed.ResponseCode, Is.EqualTo(ResponseCodes.MacFailure), "TERM0002's request under TERM0001's key");
            Assert.That(sharedKey.ResponseCode, Is.EqualTo(ResponseCodes.MacFailure), "the bench's shared key is no key of a terminal with a master key");
            Assert.That(fixture.Host.Ledger.EntriesFor(TestMessages.Key(3, "TERM0002")).Single().Kind, Is.EqualTo(LedgerEntryKind.MacRejected));
            Assert.That(fixture.Host.Ledger.NetDebit(TestMessages.Key(3, "TERM0002")), Is.Zero);
        });
    }

    [Test]
    public async Task A_terminal_with_a_master_key_that_never_signed_on_gets_A0_unless_the_rules_exempt_it()
    {
        await using var fixture = HostFixture.Start(options: TwoTerminals());
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(Sale(1, "TERM0001", WorkingKeys.Test.MacKey));
        var refused = await terminal.ReceiveAsync();
        fixture.Host.Rules = HostRuleSetLoader.Parse("macCheckExempt: [TERM0001]\n", "exempt.yaml");
        await terminal.SendAsync(Sale(2, "TERM0001", WorkingKeys.Test.MacKey));
        var exempt = await terminal.ReceiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That(refused.ResponseCode, Is.EqualTo(ResponseCodes.MacFailure));
            Assert.That(refused.Has(64), Is.False, "a refusal is unsigned");
            Assert.That(exempt.ResponseCode, Is.EqualTo(ResponseCodes.Approved));
            Assert.That(exempt.Has(64), Is.False, "the host holds no key for the terminal to sign with");
        });
    }

    [Test]
    public async Task Every_sign_on_hands_out_fresh_keys_and_the_old_mac_key_is_refused_from_then_on()
    {
        await using var fixture = HostFixture.Start(options: TwoTerminals());
        await using var terminal = await fixture.ConnectAsync();
        var before = await SignOnAsync(terminal, "TERM0001", FirstKey, 1);
        await terminal.SendAsync(Sale(2, "TERM0001", before));
        var approvedBefore = await terminal.ReceiveAsync();

        var after = await SignOnAsync(terminal, "TERM0001", FirstKey, 3);
        await terminal.SendAsync(Sale(4, "TERM0001", before));
        var stale = await terminal.ReceiveAsync();
        await terminal.SendAsync(Sale(5, "TERM0001", after));
        var fresh = await terminal.ReceiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That(after, Is.Not.EqualTo(before));
            Assert.That(fixture.Host.Authorizer.Keys.KeysOf("TERM0001")!.MacKey, Is.EqualTo(after));
            Assert.That(approvedBefore.ResponseCode, Is.EqualTo("00"));
            Assert.That(stale.ResponseCode, Is.EqualTo(ResponseCodes.MacFailure));
            Assert.That(fresh.ResponseCode, Is.EqualTo("00"));
        });
    }

    [Test]
    public async Task A_terminal_without_a_master_key_keeps_the_shared_keys_in_the_clear()
    {
        await using var fixture = HostFixture.Start(options: TwoTerminals());
        await using var terminal = await fixture.ConnectAsync();

        await terminal.SendAsync(TestMessages.SignOn(1, "TERM0009"));
        var signOn = await terminal.ReceiveAsync();
        await terminal.SendAsync(TestMessages.Sale(2, terminalId: "TERM0009"));

        Assert.Multiple(async () =>
        {
            Assert.That(signOn[62], Is.EqualTo(WorkingKeys.Test.ToField62()));
            Assert.That((await terminal.ReceiveAsync()).ResponseCode, Is.EqualTo("00"));
        });
    }

    [Test]
    public async Task Field_62_of_sign_on_replies_is_masked_at_rest_in_the_store_and_the_capture_unless_frames_are_raw()
    {
        await using var fixture = HostFixture.Start(options: TwoTerminals());
        await using (var terminal = await fixture.ConnectAsync())
        {
            await SignOnAsync(terminal, "TERM0001", FirstKey, 1);
        }
        await fixture.WhenConnectionsClosedAsync();
        await fixture.Recorder.FlushAsync();

        var stored = fixture.Store.ReadFrames().Single(frame => frame.Mti == "0810");
        var sent = fixture.Host.Authorizer.Keys.KeysOf("TERM0001")!.ToField62(FirstKey);
        var storedField = IsoCodec.Cup.Decode(stored.Body)[62]!;
        var capturePath = Path.Combine(Path.GetDirectoryName(fixture.Store.Path)!, "capture.pcap");
        CaptureExporter.Write(fixture.Store, stored.RunId!.Value, capturePath, new CaptureOptions());
        var capture = Convert.ToHexString(await File.ReadAllBytesAsync(capturePath));

        Assert.Multiple(() =>
        {
            Assert.That(stored.CardDataMasked, Is.True);
            Assert.That(storedField, Is.EqualTo(new string('0', 16) + sent[16..24] + new string('0', 16) + sent[40..]), "keys zeroed, check values kept");
            Assert.That(stored.Summary, Does.Contain("62=[working keys, check values PIN " + sent[16..24] + " MAC " + sent[40..] + "]"));
            Assert.That(stored.Summary, Does.Not.Contain(sent[..16]).And.Not.Contain(sent[24..40]));
            Assert.That(fixture.Store.AllTextValues().Select(value => value.Value), Has.None.Contains(sent[24..40]));
            Assert.That(capture, Does.Not.Contain(Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(sent[24..40]))));
            Assert.That(IsoCodec.Cup.Decode(stored.Body).ToString(), Does.Contain("[working keys"));
        });
    }

    [Test]
    public async Task A_raw_frames_store_keeps_field_62_byte_exact()
    {
        var reply = ReplyBuilder.To(TestMessages.SignOn(1), new ReplyDetails(ResponseCodes.Approved, DateTime.Now) { WorkingKeys = WorkingKeys.Test.ToField62(FirstKey) });
        var body = IsoCodec.Cup.Encode(reply);
        using var database = new TemporaryDatabase();
        using (var store = ResultsStore.Open(database.Path, new ResultsStoreOptions { KeepRawFrames = true }))
        {
            await using var recorder = new FrameRecorder(store, store.CreateRun("raw"));
            recorder.Record(new FrameRecord(1_000, "c1", FrameDirection.Sent, body, reply));
        }

        using var reopened = ResultsStore.Open(database.Path);
        var stored = reopened.ReadFrames().Single();
        Assert.Multiple(() =>
        {
            Assert.That(stored.Body, Is.EqualTo(body));
            Assert.That(stored.CardDataMasked, Is.False);
            Assert.That(stored.Summary, Does.Not.Contain(WorkingKeys.Test.ToField62(FirstKey)[24..40]), "the summary hides the keys even then");
        });
    }

    [Test]
    public void An_unusual_field_62_of_a_sign_on_reply_is_hidden_whole_and_field_62_of_other_messages_is_left_alone()
    {
        var reply = ReplyBuilder.To(TestMessages.SignOn(1), new ReplyDetails(ResponseCodes.Approved, DateTime.Now) { WorkingKeys = "NOT-THE-USUAL-LAYOUT" });
        var body = IsoCodec.Cup.Encode(reply);
        var masked = CardDataMask.Mask(body);
        var sale = ReplyBuilder.To(TestMessages.Sale(2), new ReplyDetails(ResponseCodes.Approved, DateTime.Now)).With(62, "ABCDEF");

        Assert.Multiple(() =>
        {
            Assert.That(masked.Masked, Is.True);
            Assert.That(IsoCodec.Cup.Decode(masked.Body)[62], Is.EqualTo(new string('0', 20)));
            Assert.That(reply.ToString(), Does.Contain("62=[working keys, 20 characters]").And.Not.Contain("USUAL"));
            Assert.That(IsoCodec.Cup.Decode(CardDataMask.Mask(IsoCodec.Cup.Encode(sale)).Body)[62], Is.EqualTo("ABCDEF"), "field 62 of other messages is no key field");
            Assert.That(sale.ToString(), Does.Contain("62=ABCDEF"));
        });
    }
}
