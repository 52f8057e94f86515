using Bench.Campaigns.Running;
using Bench.Codec;
using Bench.Host;
using Bench.Results;

namespace Bench.Campaigns.Tests;

/// <summary>A trial's sale found among the host's frames from the host side: terminal, amount, order; the ECR's STAN only cross-checks.</summary>
public sealed class SaleCorrelatorTests
{
    private const string Terminal = "10000021";
    private const long Amount = 2_500;
    private const long SaleStarted = 1_000;

    private static FrameRecord Request(long at, string stan, string terminal = Terminal, long amount = Amount, string connection = "c1") =>
        new(at, connection, FrameDirection.Received, [], new IsoMessage(MessageTypes.FinancialRequest, new Dictionary<int, string>
        {
            [3] = ProcessingCodes.Sale, [4] = amount.ToString("D12"), [11] = stan, [41] = terminal, [60] = "22000007000",
        }));

    private static FrameRecord Reply(long at, string stan, string terminal = Terminal) =>
        new(at, "c1", FrameDirection.Sent, [], new IsoMessage(MessageTypes.FinancialResponse, new Dictionary<int, string>
        {
            [3] = ProcessingCodes.Sale, [4] = Amount.ToString("D12"), [11] = stan, [39] = "00", [41] = terminal,
        }));

    [Test]
    public void A_sale_without_any_ecr_stan_is_matched_to_its_ledger_key_by_terminal_amount_and_order()
    {
        FrameRecord[] frames =
        [
            Request(500, "000010"),                            // the flush sale, before this sale started
            Reply(600, "000010"),
            Request(1_100, "000400", terminal: "99999999"),    // background load from another terminal
            Request(1_150, "000011", amount: 1),               // another amount: not this sale
            Request(1_200, "000012"),
            Reply(1_250, "000400", terminal: "99999999"),
            Reply(1_300, "000012"),
            Request(1_400, "000013"),                          // a later request of the same terminal
        ];
        var logger = new RecordingLogger();

        var sale = SaleCorrelator.Correlate(frames, Terminal, Amount, SaleStarted, ecrStan: null, logger);

        Assert.Multiple(() =>
        {
            Assert.That(sale.Request, Is.SameAs(frames[4]));
            Assert.That(sale.Reply, Is.SameAs(frames[6]));
            Assert.That(sale.Stan, Is.EqualTo("000012"));
            Assert.That(sale.LedgerKey, Is.EqualTo(new LedgerKey(Terminal, "000007", "000012")));
            Assert.That(sale.StanDisagrees, Is.False);
            Assert.That(logger.Messages, Is.Empty);
        });
    }

    [Test]
    public void An_ecr_stan_that_disagrees_is_logged_and_the_host_side_match_stands()
    {
        FrameRecord[] frames = [Request(900, "000041"), Request(1_200, "000042"), Reply(1_300, "000042")];
        var logger = new RecordingLogger();

        var sale = SaleCorrelator.Correlate(frames, Terminal, Amount, SaleStarted, ecrStan: "000041", logger);

        Assert.Multiple(() =>
        {
            Assert.That(sale.Request, Is.SameAs(frames[1]));
            Assert.That(sale.Stan, Is.EqualTo("000042"));
            Assert.That(sale.StanDisagrees, Is.True);
            Assert.That(logger.Messages.Single(), Does.Contain("STAN 000041").And.Contain("STAN 000042").And.Contain("the host's stands"));
        });
    }

    [Test]
    public void An_agreeing_ecr_stan_logs_nothing_and_no_request_at_all_leaves_the_ecr_stan()
    {
        var logger = new RecordingLogger();
        var agreeing = SaleCorrelator.Correlate([Request(1_200, "000042")], Terminal, Amount, SaleStarted, "000042", logger);
        var none = SaleCorrelator.Correlate([], Terminal, Amount, SaleStarted, "000043", logger);

        Assert.Multiple(() =>
        {
            Assert.That(agreeing.StanDisagrees, Is.False);
            Assert.That(logger.Messages, Is.Empty);
            Assert.That(none.Request, Is.Null);
            Assert.That(none.LedgerKey, Is.Null);
            Assert.That(none.Stan, Is.EqualTo("000043"));
        });
    }
}
