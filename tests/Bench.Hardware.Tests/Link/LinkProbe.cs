using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Bench.Hardware.Simulation.Link;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests.Link;

/// <summary>Listens to a link emulator's events so a test can wait for bytes entering and leaving it, and socket helpers.</summary>
internal sealed class LinkProbe
{
    private readonly Channel<LinkChunk> received = Channel.CreateUnbounded<LinkChunk>();
    private readonly Channel<LinkDelivery> delivered = Channel.CreateUnbounded<LinkDelivery>();
    private readonly Channel<LinkConnection> closed = Channel.CreateUnbounded<LinkConnection>();
    private int deliveries;

    public LinkProbe(LinkEmulator link)
    {
        link.ChunkReceived += (_, chunk) => received.Writer.TryWrite(chunk);
        link.ChunkDelivered += (_, delivery) =>
        {
            Interlocked.Increment(ref deliveries);
            delivered.Writer.TryWrite(delivery);
        };
        link.ConnectionClosed += (_, connection) => closed.Writer.TryWrite(connection);
    }

    /// <summary>How many segments have been delivered so far.</summary>
    public int Deliveries => Volatile.Read(ref deliveries);

    public async Task<LinkChunk> NextReceivedAsync()
    {
        using var bound = new CancellationTokenSource(TestRigs.Bound);
        return await received.Reader.ReadAsync(bound.Token);
    }

    public async Task<LinkDelivery> NextDeliveredAsync()
    {
        using var bound = new CancellationTokenSource(TestRigs.Bound);
        return await delivered.Reader.ReadAsync(bound.Token);
    }

    public async Task<LinkConnection> NextClosedAsync()
    {
        using var bound = new CancellationTokenSource(TestRigs.Bound);
        return await closed.Reader.ReadAsync(bound.Token);
    }

    /// <summary>
    /// Advances the fake clock by <paramref name="step"/> until <paramref name="task"/> completes. In steps, because
    /// a delay that the emulator computed just before an advance starts its timer just after it, late by as much as
    /// that advance. The step doubles every ten fruitless steps so such a late timer is still reached within the bound.
    /// </summary>
    public static async Task<T> AdvanceUntilAsync<T>(FakeTimeProvider clock, Task<T> task, TimeSpan step)
    {
        using var bound = new CancellationTokenSource(TestRigs.Bound);
        for (int steps = 1; !task.IsCompleted; steps++)
        {
            bound.Token.ThrowIfCancellationRequested();
            clock.Advance(step);
            await Task.WhenAny(task, Task.Delay(20, bound.Token));
            if (steps % 10 == 0)
            {
                step *= 2;
            }
        }

        return await task;
    }

    public static async Task<Socket> ConnectAsync(EndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var bound = new CancellationTokenSource(TestRigs.Bound);
        await socket.ConnectAsync(endPoint, bound.Token);
        return socket;
    }

    public static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        byte[] buffer = new byte[count];
        using var bound = new CancellationTokenSource(TestRigs.Bound);
        await new NetworkStream(socket, ownsSocket: false).ReadExactlyAsync(buffer, bound.Token);
        return buffer;
    }

    /// <summary>Reads until the peer closes or resets; returns the error a reset raised, or null for an orderly end.</summary>
    public static async Task<SocketError?> ReadToEndAsync(Socket socket)
    {
        byte[] buffer = new byte[1024];
        using var bound = new CancellationTokenSource(TestRigs.Bound);
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, bound.Token) > 0)
            {
            }

            return null;
        }
        catch (SocketException exception)
        {
            return exception.SocketErrorCode;
        }
    }

    /// <summary>Gives the emulator a moment of wall time to do something it should not do (only for "nothing happened").</summary>
    public static Task Quiet() => Task.Delay(150);

    public static byte[] Bytes(int count, byte first = 0) => [.. Enumerable.Range(0, count).Select(i => (byte)(first + i))];
}
