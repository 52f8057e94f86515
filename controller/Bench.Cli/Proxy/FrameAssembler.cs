using Bench.Codec;

namespace Bench.Cli.Proxy;

/// <summary>
/// Cuts one direction of a TCP stream into length-prefixed frames as its bytes pass by in pieces of any
/// size (the push-side twin of <see cref="FrameReader"/>, for bytes a proxy forwards rather than reads).
/// After a framing error (zero length, a length over the maximum) the stream has no frame boundaries any
/// more: the assembler stops and says so once. Not thread-safe: one per direction of a connection.
/// </summary>
public sealed class FrameAssembler(int maximumBodyLength = Framing.MaxBodyLength)
{
    private readonly byte[] prefix = new byte[Framing.PrefixLength];
    private int prefixFilled;
    private byte[]? body;
    private int bodyFilled;
    private long bytesSeen;

    /// <summary>Set once a framing error ended the framing of this direction; later bytes are ignored.</summary>
    public IsoDecodeException? Failure { get; private set; }

    /// <summary>Bytes of a frame that has begun but not ended: a stream that ends now ends inside a frame.</summary>
    public int PendingBytes => body is null ? prefixFilled : Framing.PrefixLength + bodyFilled;

    /// <summary>Takes the next bytes; returns the bodies of the frames they complete, in order.</summary>
    /// <exception cref="IsoDecodeException">Not thrown: a framing error is kept in <see cref="Failure"/> and ends the returned list.</exception>
    public IReadOnlyList<byte[]> Push(ReadOnlySpan<byte> data)
    {
        if (Failure is not null) return [];
        var frames = new List<byte[]>();
        while (!data.IsEmpty)
        {
            if (body is null)
            {
                var take = Math.Min(Framing.PrefixLength - prefixFilled, data.Length);
                data[..take].CopyTo(prefix.AsSpan(prefixFilled));
                prefixFilled += take;
                data = data[take..];
                if (prefixFilled < Framing.PrefixLength) break;
                var length = Framing.ReadPrefix(prefix);
                if (length == 0 || length > maximumBodyLength)
                {
                    Failure = new IsoDecodeException("length", 0, length == 0
                        ? $"zero-length frame after {bytesSeen} bytes of the stream"
                        : $"length {length} exceeds the maximum {maximumBodyLength} after {bytesSeen} bytes of the stream");
                    return frames;
                }
                body = new byte[length];
                bodyFilled = 0;
            }

            var copy = Math.Min(body.Length - bodyFilled, data.Length);
            data[..copy].CopyTo(body.AsSpan(bodyFilled));
            bodyFilled += copy;
            data = data[copy..];
            if (bodyFilled < body.Length) break;
            frames.Add(body);
            bytesSeen += Framing.PrefixLength + body.Length;
            body = null;
            prefixFilled = 0;
        }
        return frames;
    }
}
