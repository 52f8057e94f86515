namespace Bench.SimulatedTerminal.Modem;

/// <summary>
/// The firmware's one seam to its communication hardware (DESIGN.md §3a). The profile's <c>link:</c>
/// picks the implementation: a Hayes AT modem on the phone line, a cellular module, or Ethernet.
/// The firmware never opens sockets itself: it asks the modem for a data session and reads and
/// writes the length-prefixed frames on the stream it gets back. Every timer the modem runs is on
/// the terminal's <see cref="TimeProvider"/>.
/// </summary>
public interface IModem : IAsyncDisposable
{
    /// <summary>The medium, for console lines: <c>pstn</c>, <c>cellular</c> or <c>ethernet</c>.</summary>
    string Medium { get; }

    /// <summary>
    /// The terminal is prompting for a card: a modem that pre-dials starts its call now, so the line
    /// is up by the time the request is ready. Returns at once and never throws; a failed pre-dial
    /// is simply retried by <see cref="OpenAsync"/>.
    /// </summary>
    void BeginPreDial(CancellationToken power);

    /// <summary>
    /// Opens a data session to the host (dial and CONNECT, attach and TCP connect, or TCP connect)
    /// under the modem's own timers and retries, and returns the stream that carries the frames.
    /// When the session ends (NO CARRIER, SIM cut, host close) the stream's reads end or fail.
    /// </summary>
    /// <exception cref="ModemException">No session: the modem's final result says why.</exception>
    Task<Stream> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Ends the data session, if any (<c>+++</c> then <c>ATH</c>, or closing the socket). Returns at
    /// once; the next <see cref="OpenAsync"/> waits for the hang-up to finish.
    /// </summary>
    void HangUp();

    /// <summary>Raised when a data session is up (CONNECT, socket connected), with the modem's words for it.</summary>
    event Action<string>? Connected;
}
