using System.Net;
using System.Net.Sockets;
using Bench.Codec;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>
/// A minimal acquirer host on loopback TCP: records every request and answers through
/// <see cref="Respond"/> (null swallows the request). Signs its 0210/0410 replies with the test MAC key.
/// </summary>
internal sealed class FakeHost : IAsyncDisposable
{
    public const string AssignedBatch = "000123";
    private static readonly DateTime HostTime = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Local);
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly MessageAuthenticationCode mac;
    private readonly MessageSigner signer;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<IsoMessage> received = [];
    private readonly List<Socket> connections = [];
    private readonly Task acceptLoop;
    // Completed and replaced (under the received list's lock) each time a request arrives: waits wake on arrivals, never poll.
    private TaskCompletionSource arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeHost(byte[] macKey)
    {
        mac = new MessageAuthenticationCode(macKey);
        signer = new MessageSigner(IsoCodec.Cup, mac);
        Respond = DefaultReply;
        listener.Start();
        acceptLoop = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)listener.LocalEndpoint;

    /// <summary>The host's behaviour: the reply to send, or null to swallow the request.</summary>
    public Func<IsoMessage, IsoMessage?> Respond { get; set; }

    public IReadOnlyList<IsoMessage> Received
    {
        get { lock (received) return [.. received]; }
    }

    public int ConnectionCount
    {
        get { lock (connections) return connections.Count; }
    }

    public bool Verify(IsoMessage message) => signer.Verify(message);

    public IsoMessage Sign(IsoMessage message) => signer.Sign(message);

    public IsoMessage DefaultReply(IsoMessage request) => request.Mti switch
    {
        MessageTypes.NetworkManagementRequest => ReplyBuilder.To(request, new ReplyDetails(ResponseCodes.Approved, HostTime)
        {
            Field60 = Field60.ManagementTypeCode + AssignedBatch + Field60.SignOnSingleDes,
        }),
        MessageTypes.FinancialRequest => Approve(request),
        _ => Sign(ReplyBuilder.To(request, new ReplyDetails(ResponseCodes.Approved, HostTime))),
    };

    public IsoMessage Approve(IsoMessage request) => Sign(ReplyBuilder.To(request, new ReplyDetails(ResponseCodes.Approved, HostTime)
    {
        RetrievalReferenceNumber = "RRN" + request.Required(11) + "000",
        AuthorizationCode = "AU" + request.Required(11)[2..],
    }));

    public IsoMessage Decline(IsoMessage request, string code) => ReplyBuilder.To(request, new ReplyDetails(code, HostTime));

    /// <summary>The first received request (in arrival order, from <paramref name="fromIndex"/>) that satisfies the predicate.</summary>
    public async Task<IsoMessage> WaitForAsync(Func<IsoMessage, bool> predicate, CancellationToken cancellationToken, int fromIndex = 0) =>
        (await WaitForCountAsync(predicate, 1, cancellationToken, fromIndex))[0];

    /// <summary>Waits until <paramref name="count"/> received requests (from <paramref name="fromIndex"/>) satisfy the predicate; returns the first <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<IsoMessage>> WaitForCountAsync(
        Func<IsoMessage, bool> predicate, int count, CancellationToken cancellationToken, int fromIndex = 0)
    {
        while (true)
        {
            Task next;
            lock (received)
            {
                var matches = received.Skip(fromIndex).Where(predicate).Take(count).ToList();
                if (matches.Count == count) return matches;
                next = arrival.Task;
            }
            await next.WaitAsync(cancellationToken);
        }
    }

    public Task<IsoMessage> WaitForAsync(string mti, CancellationToken cancellationToken, int fromIndex = 0) =>
        WaitForAsync(m => m.Mti == mti, cancellationToken, fromIndex);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        lock (connections) foreach (var socket in connections) socket.Dispose();
        try { await acceptLoop; } catch (Exception) { }
        mac.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await listener.AcceptSocketAsync(stopping.Token); }
            catch (Exception) { return; }
            lock (connections) connections.Add(socket);
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = new FrameReader(stream);
        try
        {
            while (await reader.ReadAsync(stopping.Token) is { } frame)
            {
                var request = IsoCodec.Cup.Decode(frame.Body);
                lock (received)
                {
                    received.Add(request);
                    arrival.TrySetResult();
                    arrival = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                if (Respond(request) is { } reply)
                    await stream.WriteAsync(IsoCodec.Cup.EncodeFrame(reply), stopping.Token);
            }
        }
        catch (Exception)
        {
            // The terminal closed or reset the connection: nothing to do.
        }
    }
}
