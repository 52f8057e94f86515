using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bench.Codec;
using Bench.Host;

namespace Bench.Campaigns.Tests.Capture;

/// <summary>A minimal terminal for the capture and proxy tests: signs requests with the host's test MAC key, sends them over loopback TCP, reads the replies.</summary>
internal sealed class LoopbackTerminal : IAsyncDisposable
{
    /// <summary>A Luhn-valid test PAN: its middle digits must never reach a masked capture.</summary>
    public const string Pan = "6222021234567890123";

    /// <summary>Bounds a failing test only; never what a test measures.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly MessageFactory Factory = new(new TerminalIdentity("TERM0001", "123456789012345"));
    private static readonly MessageSigner Signer = new(IsoCodec.Cup, new MessageAuthenticationCode(WorkingKeys.Test.MacKey));
    private static readonly MagneticStripeCard Card = new(Pan, "2912", "201", "0000");

    private readonly TcpClient client;
    private readonly NetworkStream stream;
    private readonly FrameReader reader;

    private LoopbackTerminal(TcpClient client)
    {
        this.client = client;
        stream = client.GetStream();
        reader = new FrameReader(stream);
    }

    public static async Task<LoopbackTerminal> ConnectAsync(IPEndPoint host)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(host);
        return new LoopbackTerminal(client);
    }

    public static IsoMessage SignOn(int stan) => Factory.SignOn(Stan(stan), "000001");

    public static IsoMessage Sale(int stan, long amount = 12_345) =>
        Signer.Sign(Factory.Sale(new SaleDetails(Card, amount, Stan(stan), "000001")));

    /// <summary>Sends the request and returns the host's reply.</summary>
    public async Task<IsoMessage> ExchangeAsync(IsoMessage request)
    {
        await stream.WriteAsync(IsoCodec.Cup.EncodeFrame(request));
        using var timeout = new CancellationTokenSource(Patience);
        var frame = await reader.ReadAsync(timeout.Token) ?? throw new IOException("the host closed the connection");
        return IsoCodec.Cup.Decode(frame.Body);
    }

    /// <summary>Sends bytes as they are, framed or not.</summary>
    public async Task SendRawAsync(byte[] bytes) => await stream.WriteAsync(bytes);

    /// <summary>Closes the sending side and waits until the host has closed its side too: the connection is over at both ends.</summary>
    public async Task CloseAsync()
    {
        client.Client.Shutdown(SocketShutdown.Send);
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[256];
        while (await stream.ReadAsync(buffer, timeout.Token) > 0)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Stan(int number) => number.ToString("D6", CultureInfo.InvariantCulture);
}
