using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// Other terminals' traffic at peak hour: <see cref="BackgroundLoadOptions.Terminals"/> simulated
/// terminals, each on its own TCP connection to the host, send signed 0200 sales at
/// <see cref="RatePerSecond"/> in all, with Poisson arrivals on the given clock (seeded), taking
/// turns. Their requests queue for the same authorisation workers as the terminal under test, so
/// its replies slow down once the load nears the host's capacity. Replies are read and counted,
/// never waited for: like real other terminals, the load does not ease off when the host is slow.
/// </summary>
public sealed class BackgroundLoadGenerator : IAsyncDisposable
{
    private const string Batch = "000001";
    // A test card that cannot be mistaken for a customer's: the bench's host books it like any other.
    private static readonly MagneticStripeCard LoadCard = new("6222020000000000018", "3012", "201", "0000");

    private readonly IPEndPoint host;
    private readonly TimeProvider time;
    private readonly BackgroundLoadOptions options;
    private readonly PoissonArrivals arrivals;
    private readonly MessageAuthenticationCode mac;
    private readonly MessageSigner signer;
    private readonly LoadTerminal[] terminals;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task running;
    private long sent;
    private long replied;
    private long approved;
    private long sendFailures;

    private BackgroundLoadGenerator(IPEndPoint host, double ratePerSecond, WorkingKeys keys, TimeProvider time, int seed, BackgroundLoadOptions options)
    {
        options.Validate();
        this.host = host;
        this.time = time;
        this.options = options;
        arrivals = new PoissonArrivals(ratePerSecond, seed);
        mac = new MessageAuthenticationCode(keys.MacKey);
        signer = new MessageSigner(IsoCodec.Cup, mac);
        terminals = [.. Enumerable.Range(1, options.Terminals).Select(number => new LoadTerminal(this,
            options.TerminalIdPrefix + number.ToString(CultureInfo.InvariantCulture).PadLeft(8 - options.TerminalIdPrefix.Length, '0')))];
        running = Task.Run(RunAsync);
    }

    /// <summary>Starts the load at once; dispose it to stop (its connections close, replies still owed are dropped).</summary>
    /// <param name="host">The host's listening end point.</param>
    /// <param name="ratePerSecond">Transactions per second from all the load's terminals together, on <paramref name="time"/>.</param>
    /// <param name="keys">The working keys the host hands out: the load's sales are signed with its MAC key.</param>
    /// <param name="time">The clock the arrivals run on: the host's (on the simulated rig, the terminal's scaled time).</param>
    /// <param name="seed">Seeds the arrival times, so a load can be repeated.</param>
    public static BackgroundLoadGenerator Start(
        IPEndPoint host, double ratePerSecond, WorkingKeys keys, TimeProvider time, int seed, BackgroundLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        return new BackgroundLoadGenerator(host, ratePerSecond, keys, time, seed, options ?? new BackgroundLoadOptions());
    }

    public double RatePerSecond => arrivals.RatePerSecond;

    public BackgroundLoadStatistics Statistics => new(
        Interlocked.Read(ref sent), Interlocked.Read(ref replied), Interlocked.Read(ref approved), Interlocked.Read(ref sendFailures));

    public async ValueTask DisposeAsync()
    {
        if (!stopping.IsCancellationRequested) await stopping.CancelAsync().ConfigureAwait(false);
        await running.ConfigureAwait(false);
        foreach (var terminal in terminals) await terminal.DisposeAsync().ConfigureAwait(false);
        mac.Dispose();
        stopping.Dispose();
    }

    private async Task RunAsync()
    {
        // Arrival times are absolute, so a slow send never stretches the schedule and the rate holds.
        var due = time.GetTimestamp();
        var arrival = 0L;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                due += (long)(arrivals.NextGap().TotalSeconds * time.TimestampFrequency);
                var wait = time.GetElapsedTime(time.GetTimestamp(), due);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, stopping.Token).ConfigureAwait(false);
                var terminal = terminals[arrival++ % terminals.Length];
                await terminal.SendSaleAsync(stopping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed: the load ends.
        }
    }

    /// <summary>One simulated other terminal: its connection (opened on first use, reopened after a failure), its STANs, its reply reader.</summary>
    private sealed class LoadTerminal(BackgroundLoadGenerator load, string terminalId) : IAsyncDisposable
    {
        private readonly MessageFactory factory = new(new TerminalIdentity(terminalId, "LOAD00000000000"));
        private TcpClient? client;
        private Task? reading;
        private int stan;

        public async Task SendSaleAsync(CancellationToken cancellationToken)
        {
            stan = stan % 999_999 + 1;
            var sale = load.signer.Sign(factory.Sale(new SaleDetails(LoadCard, load.options.AmountMinorUnits, stan.ToString("D6", CultureInfo.InvariantCulture), Batch)));
            try
            {
                if (client is null)
                {
                    client = new TcpClient { NoDelay = true };
                    await client.ConnectAsync(load.host, cancellationToken).ConfigureAwait(false);
                    reading = ReadRepliesAsync(client);
                }
                await client.GetStream().WriteAsync(IsoCodec.Cup.EncodeFrame(sale), cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref load.sent);
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
            {
                Interlocked.Increment(ref load.sendFailures);
                client?.Dispose();
                client = null;
            }
        }

        public async ValueTask DisposeAsync()
        {
            client?.Dispose();
            if (reading is not null) await reading.ConfigureAwait(false);
        }

        private async Task ReadRepliesAsync(TcpClient connection)
        {
            var reader = new FrameReader(connection.GetStream());
            try
            {
                while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false) is { } frame)
                {
                    Interlocked.Increment(ref load.replied);
                    if (IsoCodec.Cup.Decode(frame.Body).ResponseCode == ResponseCodes.Approved) Interlocked.Increment(ref load.approved);
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or IsoDecodeException)
            {
                // The connection ended (the load stopping, or the host closing it): the next send reopens it.
            }
        }
    }
}
