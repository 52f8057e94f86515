using System.Net;
using Bench.Codec;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>The flash keeps card data as secure storage would, and a later process neither reads nor sends an earlier one's reversal.</summary>
public sealed class FlashAtRestTests
{
    private static async Task<IsoMessage> LeaveReversalPendingAsync(TerminalRig rig)
    {
        rig.Host.Respond = request => request.Mti == MessageTypes.FinancialRequest ? null : rig.Host.DefaultReply(request);
        // The sale never ends: the power is cut while the terminal waits for the reply.
        _ = await rig.StartSaleAsync(4_200);
        var request = await rig.Host.WaitForAsync(MessageTypes.FinancialRequest, rig.Token);
        rig.Terminal.PowerOff();
        return request;
    }

    [Test]
    public async Task The_pending_reversal_in_flash_holds_no_card_number_in_any_form()
    {
        await using var rig = await TerminalRig.StartAsync();
        var request = await LeaveReversalPendingAsync(rig);

        var stored = await File.ReadAllTextAsync(Path.Combine(rig.FlashDirectory, "reversal.json"));

        Assert.Multiple(() =>
        {
            Assert.That(request[2], Is.EqualTo(TerminalRig.Card.Pan));
            Assert.That(stored, Does.Contain("\"OriginalRequestHex\": \"sealed:"));
            Assert.That(stored, Does.Not.Contain(TerminalRig.Card.Pan[..16]), "neither as ASCII nor as the hex of packed BCD");
            Assert.That(rig.Terminal.PendingReversal?.OriginalRequestHex, Is.EqualTo(Convert.ToHexString(IsoCodec.Cup.Encode(request))),
                "the terminal that sealed it reads it back");
        });
    }

    [Test]
    public async Task Another_process_cannot_read_the_reversal_but_it_is_listed_as_left_pending()
    {
        await using var rig = await TerminalRig.StartAsync();
        var request = await LeaveReversalPendingAsync(rig);
        var root = Directory.CreateTempSubdirectory("bench-flash-root-").FullName;
        try
        {
            var folder = Path.Combine(root, "SIM-1-12345678");
            Directory.CreateDirectory(folder);
            foreach (var file in Directory.GetFiles(rig.FlashDirectory)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));

            // A terminal object of its own has its own secure element, as a new process would.
            await using (var later = new SimulatedTerminal(
                rig.Profile, new SimulatedTerminalOptions(new IPEndPoint(IPAddress.Loopback, 9), folder, TerminalRig.MacKey()), new MemoryStream()))
            {
                Assert.That(later.PendingReversal, Is.Null, "a record sealed under another key cannot be read, so cannot be sent");
            }

            var left = FlashFolders.PendingReversals(root);
            Assert.That(left.Select(reversal => (reversal.Terminal, reversal.Stan, reversal.AmountMinorUnits)),
                Is.EqualTo(new[] { ("SIM-1-12345678", request.Stan!, 4_200L) }));

            FlashFolders.Erase(root);
            Assert.That(Directory.GetFileSystemEntries(root), Is.Empty);
            Assert.That(FlashFolders.PendingReversals(root), Is.Empty);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
